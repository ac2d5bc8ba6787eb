import { setTimeout as sleep } from 'node:timers/promises';
import type { PlannedSubmission } from './plan-submissions.js';
import { postGraphQL, type PostResult } from './post-graphql.js';
import type { TokenSource } from './create-token-source.js';
import { uploadSoakDocuments, type SoakDocument } from './upload-soak-documents.js';

/**
 * - `accepted`: an answer carrying a reference came back (the contract's "accepted");
 * - `refused`: a final refusal (bad input, forbidden…): nothing may have been filed;
 * - `abandoned`: no answer with a reference before the client's bound: it may or may not have been filed, once at most;
 * - `not-attempted`: the soak's time bound came before its turn.
 */
export type SubmissionResult = 'accepted' | 'refused' | 'abandoned' | 'not-attempted';

export interface SubmissionOutcome {
  readonly planned: PlannedSubmission;
  readonly result: SubmissionResult;
  /** The reference answered (`CEET-2026-…` when delivered at once, `GCH-CEET-…` when queued). */
  readonly reference?: string;
  readonly statusAtAcceptance?: string;
  readonly attempts: number;
  /** Why each retry happened: `network:ECONNREFUSED`, `http:502`, `BACKEND_UNAVAILABLE`… */
  readonly retryCauses: readonly string[];
  readonly refusal?: { readonly code: string; readonly message: string };
  /** The documents uploaded and filed with it (planned ones only): SIGEM must hold each exactly once. */
  readonly documents?: readonly SoakDocument[];
}

export interface SubmitContext {
  readonly gatewayUrl: string;
  readonly tokens: TokenSource;
  /** Each operation of the plan's text, by name. */
  readonly documents: Readonly<Record<string, string>>;
  readonly requestTimeoutMs: number;
  readonly giveUpMs: number;
  /** No attempt starts after this instant (epoch ms): the soak's time bound. */
  readonly hardDeadline: number;
  /** Requests in flight right now, across all clients: the killer strikes when there are many. */
  readonly traffic: { inFlight: number };
}

/** Codes that say "this request will never be taken": retrying with the same key would get the same answer. */
const finalCodes = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'IDEMPOTENCY_CONFLICT', 'NOT_FOUND', 'OPERATION_TOO_COMPLEX', 'DOCUMENT_NOT_TRUSTED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

type Verdict =
  | { readonly kind: 'accepted'; readonly reference: string; readonly status: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'retry'; readonly cause: string; readonly retryAfterMs?: number };

/**
 * A well-behaved client: it files once, and after any answer without a reference (a network error, a 5xx, a
 * transient GraphQL error, the gateway or subgraph killed under it) files again with the SAME idempotency key,
 * with jittered backoff (timing jitter is not seeded: the run's timing is not reproducible anyway).
 */
export async function submitWithRetries(planned: PlannedSubmission, context: SubmitContext): Promise<SubmissionOutcome> {
  const { gatewayUrl, tokens, documents, requestTimeoutMs, giveUpMs, hardDeadline, traffic } = context;
  const document = documents[planned.operation];
  if (document === undefined) throw new Error(`no document loaded for ${planned.operation}`);
  const giveUpAt = Math.min(Date.now() + giveUpMs, hardDeadline);
  const retryCauses: string[] = [];
  let attempts = 0;
  // Papers first, as the portal does; every retry of the filing then carries the same uploads (same key, same ids).
  let papers: readonly SoakDocument[] | undefined;
  if (planned.documents !== undefined && planned.documents.length > 0) {
    const uploads = await uploadSoakDocuments(gatewayUrl, () => tokens.citizen(planned.applicantNiu), planned.idempotencyKey, planned.documents, giveUpAt, requestTimeoutMs);
    retryCauses.push(...uploads.retryCauses);
    if (uploads.kind === 'abandoned') return { planned, result: 'abandoned', attempts, retryCauses };
    if (uploads.kind === 'refused') return { planned, result: 'refused', attempts, retryCauses, refusal: { code: uploads.code, message: uploads.message } };
    papers = uploads.documents;
  }
  const input = papers === undefined ? planned.input : { ...planned.input, documents: papers.map(({ kind, id }) => ({ kind, id })) };
  const withDocuments = papers === undefined ? {} : { documents: papers };
  for (;;) {
    attempts += 1;
    let verdict: Verdict;
    try {
      const token = await tokens.citizen(planned.applicantNiu);
      const variables = { input, idempotencyKey: planned.idempotencyKey };
      traffic.inFlight += 1;
      try {
        verdict = judge(await postGraphQL(gatewayUrl, document, variables, token, requestTimeoutMs), planned.field);
      } finally {
        traffic.inFlight -= 1;
      }
    } catch (error) {
      verdict = { kind: 'retry', cause: `token:${error instanceof Error ? error.message : String(error)}` };
    }
    if (verdict.kind === 'accepted') return { planned, result: 'accepted', reference: verdict.reference, statusAtAcceptance: verdict.status, attempts, retryCauses, ...withDocuments };
    if (verdict.kind === 'refused') return { planned, result: 'refused', attempts, retryCauses, refusal: { code: verdict.code, message: verdict.message }, ...withDocuments };
    retryCauses.push(verdict.cause);
    const backoffMs = Math.min(3_000, 150 * 2 ** Math.min(attempts - 1, 10)) * (0.5 + Math.random() / 2);
    const delayMs = Math.max(backoffMs, Math.min(verdict.retryAfterMs ?? 0, 5_000));
    if (Date.now() + delayMs >= giveUpAt) return { planned, result: 'abandoned', attempts, retryCauses, ...withDocuments };
    await sleep(delayMs);
  }
}

function judge(result: PostResult, field: PlannedSubmission['field']): Verdict {
  if (result.kind === 'network') return { kind: 'retry', cause: `network:${result.error}` };
  if (result.kind === 'http') return { kind: 'retry', cause: `http:${result.status}`, ...(result.retryAfterMs ? { retryAfterMs: result.retryAfterMs } : {}) };
  const answer = result.data?.[field];
  if (typeof answer === 'object' && answer !== null && 'reference' in answer && typeof answer.reference === 'string') {
    const status = 'status' in answer && typeof answer.status === 'string' ? answer.status : 'UNKNOWN';
    return { kind: 'accepted', reference: answer.reference, status };
  }
  const first = result.errors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : `http:${result.status}`;
  if (finalCodes.has(code)) return { kind: 'refused', code, message: first?.message ?? '' };
  const retryAfterMs = typeof first?.extensions?.retryAfterMs === 'number' ? first.extensions.retryAfterMs : result.retryAfterMs;
  // The system (or subgraph) the error names tells a killed subgraph from a failing legacy system.
  const where = first?.extensions?.system ?? first?.extensions?.subgraph;
  return { kind: 'retry', cause: typeof where === 'string' ? `${code}(${where})` : code, ...(retryAfterMs ? { retryAfterMs } : {}) };
}
