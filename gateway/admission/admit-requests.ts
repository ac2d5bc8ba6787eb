import { Deadline } from '../../lib/deadline/index.js';
import type { RouteHandler } from '../../lib/http/index.js';
import { bindRequestDeadline } from '../deadline/index.js';
import type { AdmissionLimiter } from './admission-limiter.js';
import { sendOverloaded } from './overloaded-response.js';

export interface AdmitRequestsOptions {
  readonly limiter: AdmissionLimiter;
  /** Each admitted request's deadline, counted from its arrival. */
  readonly requestDeadlineMs: number;
}

/**
 * Wraps the GraphQL route: every request gets its deadline at the door, then a slot (at once, or after a bounded
 * wait that counts against that deadline), or the 503 refusal — before its body is read, its token verified or
 * anything planned. A client that goes away while waiting gives its place up.
 */
export function admitRequests(handler: RouteHandler, { limiter, requestDeadlineMs }: AdmitRequestsOptions): RouteHandler {
  return async (req, res, url) => {
    const deadline = Deadline.after(requestDeadlineMs);
    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.once('close', onClose);
    const admission = await limiter.acquire(gone.signal);
    if (!admission.admitted) {
      res.off('close', onClose);
      if (!gone.signal.aborted) sendOverloaded(res, admission.retryAfterMs);
      return;
    }
    bindRequestDeadline(req, deadline);
    try {
      await handler(req, res, url);
    } finally {
      res.off('close', onClose);
      admission.release();
    }
  };
}
