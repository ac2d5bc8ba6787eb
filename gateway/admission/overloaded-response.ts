import type { ServerResponse } from 'node:http';
import { sendJson } from '../../lib/http/index.js';
import { ErrorCode, errorMessages } from '../../schema/index.js';

/**
 * The early refusal: HTTP 503 with `Retry-After` (whole seconds, at least 1) for HTTP clients and load balancers, and
 * a GraphQL error `SERVICE_OVERLOADED` with `retryAfterMs` for GraphQL clients. Written before the body is read or the
 * token verified; Node discards the unread body, so the connection stays usable for the retry.
 */
export function sendOverloaded(res: ServerResponse, retryAfterMs: number): void {
  const retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1_000));
  sendJson(
    res,
    503,
    { errors: [{ message: errorMessages.SERVICE_OVERLOADED, extensions: { code: ErrorCode.SERVICE_OVERLOADED, retryAfterMs: retryAfterS * 1_000 } }] },
    { 'retry-after': String(retryAfterS), 'cache-control': 'no-store' },
  );
}
