import { isAdapterError } from '../adapter-error.js';
import type { LegacySystem } from '../legacy-system.js';
import { shadowEvents as defaultEvents, type ShadowEvent, type ShadowEvents } from '../observation/index.js';
import { differingPaths } from './differing-paths.js';

export interface ShadowRunnerOptions {
  readonly system: LegacySystem;
  /** Labels of the two paths, for metrics and logs (`soap`, `rest`). */
  readonly primary: string;
  readonly secondary: string;
  /** Longest wait for the shadow path; past it the comparison is given up (`secondary_error`, SHADOW_TIMEOUT). */
  readonly timeoutMs: number;
  /** Shadow calls in flight at once; one more is not made (`skipped`). 0: never call the shadow path. */
  readonly maxInFlight: number;
  /** Default: the process-wide `shadowEvents`. */
  readonly events?: ShadowEvents;
  /** Default: `differingPaths` (structural, order-insensitive for sets, paths only). */
  readonly compare?: (primary: unknown, secondary: unknown) => readonly string[];
}

export interface ShadowRunner {
  /**
   * Answers with `primary`'s outcome as soon as it has one; calls `secondary` alongside, within the bounds, and
   * reports the comparison. Nothing from the shadow path ever reaches the caller: no error, no delay.
   */
  run<T>(operation: string, primary: () => Promise<T>, secondary: () => Promise<T>): Promise<T>;
  /** Shadow calls not yet settled (tests, supervision). */
  inFlight(): number;
}

/** Codes by which a system answered (the same as the call policy's): compared, not counted as failures. */
const answeredCodes: ReadonlySet<string> = new Set(['NOT_FOUND', 'BAD_USER_INPUT', 'IDEMPOTENCY_CONFLICT']);

type Outcome<T> =
  | { readonly kind: 'value'; readonly value: T; readonly durationMs: number }
  | { readonly kind: 'answer' | 'failure'; readonly error: unknown; readonly code: string; readonly durationMs?: number };

/** Scientist-style experiments for one migration: the control answers, the candidate is only compared. */
export function createShadowRunner(options: ShadowRunnerOptions): ShadowRunner {
  const { system, primary: primaryName, secondary: secondaryName, timeoutMs, maxInFlight, events = defaultEvents, compare = differingPaths } = options;
  let inFlight = 0;

  const report = (operation: string, p: Outcome<unknown>, s: Outcome<unknown>): void => {
    const base = { system, operation, primary: primaryName, secondary: secondaryName, primaryDurationMs: p.durationMs, ...(s.durationMs !== undefined ? { secondaryDurationMs: s.durationMs } : {}) };
    let event: ShadowEvent;
    if (p.kind === 'failure') event = { ...base, result: 'primary_error', fields: [], code: p.code };
    else if (s.kind === 'failure') event = { ...base, result: 'secondary_error', fields: [], code: s.code };
    else if (p.kind === 'value' && s.kind === 'value') {
      const fields = compare(p.value, s.value);
      event = { ...base, result: fields.length === 0 ? 'match' : 'mismatch', fields };
    } else if (p.kind === 'answer' && s.kind === 'answer') {
      event = p.code === s.code ? { ...base, result: 'match', fields: [] } : { ...base, result: 'mismatch', fields: ['(error)'] };
    } else event = { ...base, result: 'mismatch', fields: ['(outcome)'] };
    events.record(event);
  };

  return {
    async run(operation, primary, secondary) {
      if (inFlight >= maxInFlight) {
        events.record({ system, operation, primary: primaryName, secondary: secondaryName, result: 'skipped', fields: [] });
        return primary();
      }
      const primaryRun = settle(primary);
      inFlight += 1;
      const secondaryRun = settle(secondary).finally(() => {
        inFlight -= 1;
      });
      // The slot is held until the shadow call really ends; the comparison waits no longer than the bound.
      void Promise.all([primaryRun, within(secondaryRun, timeoutMs)])
        .then(([p, s]) => report(operation, p, s))
        .catch((error: unknown) => process.emitWarning(`shadow comparison failed: ${error instanceof Error ? error.message : String(error)}`, 'ShadowRunnerWarning'));
      const outcome = await primaryRun;
      if (outcome.kind === 'value') return outcome.value;
      throw outcome.error;
    },
    inFlight: () => inFlight,
  };
}

async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const startedAt = performance.now();
  try {
    const value = await call();
    return { kind: 'value', value, durationMs: performance.now() - startedAt };
  } catch (error) {
    const code = isAdapterError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
    return { kind: answeredCodes.has(code) ? 'answer' : 'failure', error, code, durationMs: performance.now() - startedAt };
  }
}

function within<T>(run: Promise<Outcome<T>>, timeoutMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'failure', error: undefined, code: 'SHADOW_TIMEOUT' }), timeoutMs);
    // A pending comparison must not keep a process alive.
    timer.unref();
  });
  return Promise.race([run, expired]).finally(() => clearTimeout(timer));
}
