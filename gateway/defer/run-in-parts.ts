import type { GatewayExecutionResult } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { IncrementalResponse } from '../../lib/graphql-http/index.js';
import { ErrorCode, errorMessages } from '../../schema/index.js';
import { initialPayload, subsequentPayload, type Announced, type Delivery } from './incremental-payloads.js';
import { placeholderKey, type DeferPlan, type PayloadOperation } from './plan-defer.js';

type Data = Record<string, unknown>;

export interface RunInPartsOptions {
  /** Runs one operation of the plan through the gateway, with `context` as its request context. */
  readonly execute: (document: DocumentNode, context: object) => Promise<GatewayExecutionResult>;
  /** Apollo Server's formatting of errors (the payloads leave before Apollo Server formats anything). */
  readonly formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** Writes the audit records of what was read under `context`; `false`: that data must not leave. */
  readonly audit: (context: object) => Promise<boolean>;
  /** Headers set for the request so far (rate limit…), sent with the first part. */
  readonly headers: () => Iterable<[string, string]>;
}

interface Outcome {
  readonly data: Data | null | undefined;
  readonly errors: readonly GraphQLError[];
}

type Status = 'waiting' | 'pending' | 'sent' | 'dropped';

/**
 * Answers an operation in parts: the initial operation and every deferred part start together; the initial payload
 * leaves as soon as it is ready, each deferred one as soon as it and its parent have left. Each part runs under its
 * own copy of the request's context (its own plan stages and its own ledger of personal data read) and leaves only
 * once that ledger is on the audit trail. Returns the whole merged answer, for Apollo Server's own end of request
 * (request records, cache policy); the client already has it, in parts.
 *
 * Not in parts after all (the answer is one JSON body, with the usual status): when the initial payload has no data,
 * when its audit fails, or when no deferred fragment has a parent to land on.
 */
export async function runInParts(plan: DeferPlan, context: object, response: IncrementalResponse, options: RunInPartsOptions): Promise<GatewayExecutionResult> {
  const { parts } = plan;
  const contexts = parts.map(() => ({ ...context }));
  const run = (operation: PayloadOperation, partContext: object, path: readonly string[]): Promise<Outcome> =>
    options.execute(operation.document, partContext).then(
      (result) => ({ data: withoutPlaceholders(result.data, operation.placeholders), errors: result.errors ?? [] }),
      (error: unknown) => ({ data: null, errors: [asGraphQLError(error, path)] }),
    );
  const partRuns = parts.map((part, i) => run(part, contexts[i]!, part.path));
  const initial = await run(plan.initial, context, []);
  const initialAudited = await options.audit(context);
  const status: Status[] = parts.map(() => 'waiting');
  const merged: Data | null = initial.data ? structuredClone(initial.data) : null;
  if (merged !== null) announce(-1);
  if (!initialAudited || merged === null || !status.includes('pending')) {
    // Whatever the parts read is on the trail too, though none of it leaves.
    await Promise.all(partRuns.map(async (partRun, i) => (await partRun, await options.audit(contexts[i]!))));
    if (!initialAudited) return { data: null, errors: [auditUnavailable([])] };
    return { data: initial.data, errors: initial.errors.length > 0 ? initial.errors : undefined };
  }

  const errors: GraphQLError[] = [...initial.errors];
  const outcomes: (Outcome | undefined)[] = parts.map(() => undefined);
  const { format } = response;
  response.start(initialPayload(format, initial.data!, options.formatErrors(initial.errors), announcedOf(status, 'pending')), options.headers());

  // Marks the deferred fragments of `parent` (just sent) pending where their parent object exists, dropped elsewhere.
  function announce(parent: number): void {
    parts.forEach((part, i) => {
      if (part.parent !== parent || status[i] !== 'waiting') return;
      status[i] = isObject(at(merged, part.path)) ? 'pending' : 'dropped';
      if (status[i] === 'dropped') dropChildren(i);
    });
  }
  function dropChildren(parent: number): void {
    parts.forEach((part, i) => {
      if (part.parent === parent && status[i] === 'waiting') (status[i] = 'dropped'), dropChildren(i);
    });
  }
  function announcedOf(statuses: readonly Status[], wanted: Status, among?: ReadonlySet<number>): Announced[] {
    return parts.flatMap((part, i) => (statuses[i] === wanted && (among === undefined || among.has(i)) ? [{ id: String(i), path: part.path, label: part.label }] : []));
  }
  let finished = false;
  // One payload per generation: a nested fragment leaves in a payload after its parent's.
  function flush(): void {
    for (;;) {
      const deliveries: Delivery[] = [];
      parts.forEach((part, i) => {
        const outcome = outcomes[i];
        if (status[i] !== 'pending' || outcome === undefined) return;
        const value = at(outcome.data, part.path);
        const data = isObject(value) ? value : null;
        if (data !== null) deepMerge(at(merged, part.path) as Data, structuredClone(data));
        errors.push(...outcome.errors);
        deliveries.push({ id: String(i), path: part.path, label: part.label, data, errors: options.formatErrors(outcome.errors) });
        status[i] = 'sent';
      });
      const before = [...status];
      for (const { id, data } of deliveries) {
        if (data !== null) announce(Number(id));
        else dropChildren(Number(id));
      }
      const newlyPending = new Set(status.flatMap((s, i) => (s === 'pending' && before[i] === 'waiting' ? [i] : [])));
      const hasNext = status.some((s) => s === 'waiting' || s === 'pending');
      if (deliveries.length > 0) response.push(subsequentPayload(format, deliveries, announcedOf(status, 'pending', newlyPending), hasNext));
      else if (!hasNext && !finished) response.push({ hasNext: false });
      if (!hasNext) finished = true;
      if (deliveries.length === 0 || !hasNext) return;
    }
  }
  await Promise.all(
    partRuns.map(async (partRun, i) => {
      const outcome = await partRun;
      const audited = await options.audit(contexts[i]!);
      outcomes[i] = audited ? outcome : { data: null, errors: [auditUnavailable(parts[i]!.path)] };
      flush();
    }),
  );
  flush();
  return { data: merged, errors: errors.length > 0 ? errors : undefined };
}

function auditUnavailable(path: readonly string[]): GraphQLError {
  return new GraphQLError(errorMessages.AUDIT_UNAVAILABLE, { path: path.length > 0 ? path : undefined, extensions: { code: ErrorCode.AUDIT_UNAVAILABLE, http: { status: 503 } } });
}

function asGraphQLError(error: unknown, path: readonly string[]): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error instanceof Error ? error.message : String(error), {
    path: path.length > 0 ? path : undefined,
    originalError: error instanceof Error ? error : undefined,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Fields of `source` into `target`, objects merged key by key (a deferred fragment's fields beside its parent's). */
function deepMerge(target: Data, source: Data): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) deepMerge(existing, value);
    else if (Array.isArray(existing) && Array.isArray(value) && existing.length === value.length) mergeItems(existing, value);
    else target[key] = value;
  }
}

function mergeItems(target: unknown[], source: readonly unknown[]): void {
  for (let i = 0; i < target.length; i++) {
    const item = target[i];
    const update = source[i];
    if (isObject(item) && isObject(update)) deepMerge(item, update);
    else target[i] = update;
  }
}

function withoutPlaceholders(data: Data | null | undefined, placeholders: readonly (readonly string[])[]): Data | null | undefined {
  for (const path of placeholders) {
    const holder = at(data, path);
    if (isObject(holder)) delete holder[placeholderKey];
  }
  return data;
}
