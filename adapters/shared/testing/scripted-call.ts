import { AdapterError, isAdapterError, type AdapterErrorCode } from '../adapter-error.js';

/** What one scripted attempt does: answer, fail with an AdapterError, or hang until aborted. */
export type Step = 'ok' | 'hang' | AdapterError;

export const fail = (code: AdapterErrorCode, extra: { retryable?: boolean; retryAfterMs?: number } = {}) =>
  new AdapterError({
    code,
    system: 'ceet',
    operation: 'op',
    retryable: extra.retryable ?? !['NOT_FOUND', 'BAD_USER_INPUT'].includes(code),
    message: code,
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
  });

/** A fake legacy call following `steps` (the last one repeats), recording when each attempt started. */
export function scripted(...steps: Step[]) {
  const startedAt: number[] = [];
  const call = (signal: AbortSignal): Promise<string> => {
    const step = steps[Math.min(startedAt.length, steps.length - 1)] ?? 'ok';
    startedAt.push(Date.now());
    if (step === 'ok') return Promise.resolve(`answer ${startedAt.length}`);
    if (step === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    return Promise.reject(step);
  };
  return {
    call,
    startedAt,
    get count() {
      return startedAt.length;
    },
  };
}

/** Settles `promise` into a value to inspect later, so a rejection is never left unobserved while timers run. */
export function settle<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: AdapterError } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => {
      if (!isAdapterError(error)) throw error;
      Object.assign(state, { done: true, error });
    },
  );
  return state;
}

export const read = { operation: 'op', idempotent: true } as const;
export const write = { operation: 'op', idempotent: false } as const;
