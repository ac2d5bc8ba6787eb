import { isDeepStrictEqual } from 'node:util';
import { INTERNAL_TOKEN_HEADER } from '../auth/index.js';
import type { CredentialPool } from './credential-pool.js';
import type { ScenarioRequest } from './scenarios.js';

/** One gateway's endpoint for a scenario, as the comparison sends to it. */
export interface AnswerSource {
  readonly target: string;
  readonly url: string;
  readonly sendInternalToken: boolean;
  readonly requests: readonly ScenarioRequest[];
}

/** How one target's answers to a scenario compare with the reference target's (Guichet's) for the same requests. */
export interface AnswerComparison {
  readonly scenario: string;
  readonly target: string;
  readonly reference: string;
  /** Requests sent to both. */
  readonly compared: number;
  /** Answers whose `data` (or the paths of their `errors`) differ from the reference's. */
  readonly mismatches: number;
  /** Answers equal in value but whose object keys come in another order (GraphQL orders them by the selection). */
  readonly keyOrderDiffers: number;
  /** Answers carrying GraphQL `errors` (a mismatch too when the reference has none at the same paths). */
  readonly withErrors: number;
  /** The first differences found: request index, JSON path, both values (shortened). */
  readonly samples: readonly string[];
}

/**
 * What is compared of one answer: `data` as is, and of `errors` only their `path`s — the messages are each gateway's
 * own wording and language, and `extensions` (top level and per error) carry each gateway's own metadata (Guichet's
 * codes, request ids, costs), none of it the answer.
 */
interface ComparedAnswer {
  readonly data: unknown;
  readonly errorPaths: readonly string[];
}

function comparable(body: unknown): ComparedAnswer {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as { data?: unknown; errors?: unknown };
  const errors = Array.isArray(answer.errors) ? (answer.errors as { path?: unknown }[]) : [];
  return {
    data: answer.data ?? null,
    errorPaths: errors.map((e) => (Array.isArray(e.path) ? e.path.join('.') : '(no path)')).sort(),
  };
}

const shorten = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** The first JSON path at which two values differ (depth first, in the reference's key order), undefined if equal. */
export function firstDifference(reference: unknown, other: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(reference, other)) return undefined;
  if (Array.isArray(reference) && Array.isArray(other)) {
    if (reference.length !== other.length) return `${path}: ${reference.length} items vs ${other.length}`;
    for (let i = 0; i < reference.length; i += 1) {
      const found = firstDifference(reference[i], other[i], `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (typeof reference === 'object' && reference !== null && typeof other === 'object' && other !== null && !Array.isArray(reference) && !Array.isArray(other)) {
    const keys = new Set([...Object.keys(reference), ...Object.keys(other)]);
    for (const key of keys) {
      const found = firstDifference((reference as Record<string, unknown>)[key], (other as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${shorten(reference)} vs ${shorten(other)}`;
}

/** One request to one gateway as a client sends it (bearer token, and the internal token for peers); its parsed body. */
export async function askGateway(source: AnswerSource, request: ScenarioRequest, credentials: CredentialPool, requestId: string): Promise<unknown> {
  const credential = credentials.at(request.caller);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'x-request-id': requestId };
  if (credential.authorization !== undefined) headers.authorization = credential.authorization;
  if (source.sendInternalToken) headers[INTERNAL_TOKEN_HEADER] = credential.internalToken;
  const response = await fetch(source.url, { method: 'POST', headers, body: new Uint8Array(request.body), signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 60)}` }] };
  }
}

/**
 * Sends the same `samples` requests of a scenario (spread over its rotation: same bodies, same callers' tokens, the same
 * world) to every source, one request to all sources before the next, and compares each source's answers with the
 * first source's. Sequential and unloaded: it measures answers, not speed.
 */
export async function compareAnswers(scenario: string, sources: readonly AnswerSource[], credentials: CredentialPool, samples: number): Promise<AnswerComparison[]> {
  const [reference, ...others] = sources;
  if (!reference || others.length === 0) return [];
  await credentials.refresh();
  const count = Math.min(samples, reference.requests.length);
  const step = Math.max(1, Math.floor(reference.requests.length / count));
  const tallies = others.map((source) => ({ source, compared: 0, mismatches: 0, keyOrderDiffers: 0, withErrors: 0, samples: [] as string[] }));
  let referenceErrors = 0;
  for (let n = 0; n < count; n += 1) {
    const index = n * step;
    const expectedBody = await askGateway(reference, requestAt(reference, index), credentials, `compare-${scenario}-${reference.target}-${index}`);
    const expected = comparable(expectedBody);
    if (expected.errorPaths.length > 0) referenceErrors += 1;
    for (const tally of tallies) {
      const body = await askGateway(tally.source, requestAt(tally.source, index), credentials, `compare-${scenario}-${tally.source.target}-${index}`);
      const got = comparable(body);
      tally.compared += 1;
      if (got.errorPaths.length > 0) tally.withErrors += 1;
      const difference = firstDifference(expected, got);
      if (difference !== undefined) {
        tally.mismatches += 1;
        if (tally.samples.length < 3) tally.samples.push(`request ${index}: ${difference}`);
      } else if (JSON.stringify(expected.data) !== JSON.stringify(got.data)) tally.keyOrderDiffers += 1;
    }
  }
  const referenceRow: AnswerComparison = {
    scenario,
    target: reference.target,
    reference: reference.target,
    compared: count,
    mismatches: 0,
    keyOrderDiffers: 0,
    withErrors: referenceErrors,
    samples: [],
  };
  return [
    referenceRow,
    ...tallies.map((t) => ({
      scenario,
      target: t.source.target,
      reference: reference.target,
      compared: t.compared,
      mismatches: t.mismatches,
      keyOrderDiffers: t.keyOrderDiffers,
      withErrors: t.withErrors,
      samples: t.samples,
    })),
  ];
}

function requestAt(source: AnswerSource, index: number): ScenarioRequest {
  const request = source.requests[index % source.requests.length];
  if (!request) throw new Error(`${source.target} has no request at ${index}`);
  return request;
}
