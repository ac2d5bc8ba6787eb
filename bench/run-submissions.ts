import { randomBytes } from 'node:crypto';
import { mapWithConcurrency } from '../adapters/shared/index.js';
import { defaultManifestPath, readManifest } from '../gateway/trusted-documents/index.js';
import type { Person } from '../legacy/world/index.js';
import type { Caller, CredentialPool } from './credential-pool.js';
import type { LoadFigures } from './run-load.js';

/** Who may file an electricity connection in the bench's world: living adults among the callers, by caller index. */
export function submitters(callers: readonly Caller[], persons: readonly Person[]): { readonly niu: string; readonly caller: number }[] {
  const eligible = new Set(persons.filter((p) => p.deathDate === null && p.birthDate < '2000-01-01').map((p) => p.niu));
  return callers.flatMap((c, caller) => (c.role === 'citizen' && eligible.has(c.niu) ? [{ niu: c.niu, caller }] : []));
}

const communes = ['GOLFE1', 'GOLFE2', 'AGOE1', 'KOZAH1'] as const;

/**
 * `count` electricity connection requests (the portal's trusted RequestElectricityConnection), each with an
 * idempotency key of its own — a new application every time, never a replay — `concurrency` at a time, spread over
 * the submitters. Count-based rather than timed: each one writes to a ministry, and the cost per submission needs
 * an exact number. Resolves with the same figures as a timed run.
 */
export async function runSubmissions(options: {
  readonly url: string;
  readonly count: number;
  readonly concurrency: number;
  readonly credentials: CredentialPool;
  readonly submitters: readonly { readonly niu: string; readonly caller: number }[];
  readonly runId: string;
}): Promise<LoadFigures> {
  if (options.submitters.length === 0) throw new Error('no citizen of the bench world may file a submission');
  const operation = readManifest(defaultManifestPath()).operations.find((o) => o.name === 'RequestElectricityConnection');
  if (!operation) throw new Error('RequestElectricityConnection is not in clients/trusted-documents.json: run npm run documents');
  await options.credentials.refresh();
  const run = randomBytes(4).toString('hex');
  const latenciesMs: number[] = [];
  const samples = new Set<string>();
  let non2xx = 0;
  let graphqlErrors = 0;
  let transportErrors = 0;
  const startedAt = performance.now();
  await mapWithConcurrency(
    Array.from({ length: options.count }, (_, i) => i),
    options.concurrency,
    async (i) => {
      const who = options.submitters[i % options.submitters.length] as { niu: string; caller: number };
      const credential = options.credentials.at(who.caller);
      const body = JSON.stringify({
        query: operation.body,
        variables: {
          idempotencyKey: `bench-${run}-${i}`,
          input: { applicantNiu: who.niu, meterType: i % 5 === 0 ? 'THREE_PHASE' : 'SINGLE_PHASE', communeCode: communes[i % communes.length], quarter: 'Tokoin', applianceCount: 1 + (i % 30) },
        },
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': `${options.runId}-${i}` };
      if (credential.authorization !== undefined) headers.authorization = credential.authorization;
      const sentAt = performance.now();
      try {
        const response = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
        const text = await response.text();
        latenciesMs.push(performance.now() - sentAt);
        if (!response.ok) {
          non2xx += 1;
          if (samples.size < 4) samples.add(`HTTP ${response.status}: ${text.slice(0, 160)}`);
        } else if (text.includes('"errors"')) {
          graphqlErrors += 1;
          if (samples.size < 4) samples.add(text.slice(0, 200));
        }
      } catch (error) {
        transportErrors += 1;
        if (samples.size < 4) samples.add(error instanceof Error ? error.message : String(error));
      }
    },
  );
  return {
    sent: options.count,
    responses: latenciesMs.length,
    durationS: (performance.now() - startedAt) / 1000,
    latenciesMs,
    non2xx,
    graphqlErrors,
    transportErrors,
    errorSamples: [...samples],
  };
}
