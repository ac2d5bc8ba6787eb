/**
 * `promise`, or a rejection with a `TimeoutError` (what `AbortSignal.timeout` raises, so it maps to BACKEND_TIMEOUT
 * like any fetch timeout) once `ms` have passed — for a read joined to another request's, which keeps that
 * request's own time budget.
 */
export function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
