import { meros } from 'meros/browser';
import { inject } from 'vitest';

export type Json = Record<string, unknown>;
export type Payload = Json & { hasNext?: boolean };

export interface IncrementalAnswer {
  readonly status: number;
  readonly contentType: string;
  /** Each JSON payload as the client parsed it (one, for an answer that is not multipart). */
  readonly payloads: readonly Payload[];
}

export const defer2022 = 'multipart/mixed; deferSpec=20220824, application/graphql-response+json, application/json;q=0.9';
export const deferAlpha9 = 'multipart/mixed; incrementalSpec=v0.2, application/graphql-response+json, application/json;q=0.9';

/** Posts an operation to the stack's gateway and reads its answer with meros (the multipart reader of Relay's and urql's ecosystems). */
export async function postIncremental(query: string, variables: Json, options: { token?: string; accept?: string; headers?: Record<string, string> } = {}): Promise<IncrementalAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: options.accept ?? defer2022, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(inject('gatewayUrl'), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const contentType = response.headers.get('content-type') ?? '';
  const parts = await meros<Payload>(response);
  if (parts instanceof Response) return { status: response.status, contentType, payloads: [(await parts.json()) as Payload] };
  const payloads: Payload[] = [];
  for await (const part of parts) {
    if (!part.json) throw new Error(`a part that is not JSON: ${String(part.body)}`);
    payloads.push(part.body);
  }
  return { status: response.status, contentType, payloads };
}

/** The whole answer a client rebuilds from the payloads, in either format; errors in order of arrival. */
export function mergePayloads(payloads: readonly Payload[]): { data: Json | null | undefined; errors: Json[] } {
  const [first, ...rest] = payloads;
  if (!first) throw new Error('no payload');
  const data = (first.data ?? null) as Json | null;
  const errors: Json[] = [...((first.errors as Json[] | undefined) ?? [])];
  const pendingPaths = new Map<string, unknown[]>();
  const announce = (payload: Payload) => {
    for (const p of (payload.pending as { id: string; path: unknown[] }[] | undefined) ?? []) pendingPaths.set(p.id, p.path);
  };
  announce(first);
  for (const payload of rest) {
    announce(payload);
    for (const entry of (payload.incremental as Json[] | undefined) ?? []) {
      errors.push(...((entry.errors as Json[] | undefined) ?? []));
      const path = (entry.path as unknown[] | undefined) ?? [...(pendingPaths.get(entry.id as string) ?? []), ...((entry.subPath as unknown[] | undefined) ?? [])];
      if (entry.data === null || entry.data === undefined) continue;
      let target: unknown = data;
      for (const key of path) target = (target as Json)[key as string];
      merge(target as Json, entry.data as Json);
    }
    for (const done of (payload.completed as Json[] | undefined) ?? []) errors.push(...((done.errors as Json[] | undefined) ?? []));
  }
  return { data, errors };
}

function merge(target: Json, source: Json): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing && value && typeof existing === 'object' && typeof value === 'object' && !Array.isArray(value)) merge(existing as Json, value as Json);
    else target[key] = value;
  }
}
