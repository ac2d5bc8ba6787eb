import type { Principal } from '../../auth/index.js';

/** Who holds a subscription, established once when it opens (the context of every resolver of the stream). */
// A type, not an interface: graphql-sse wants a context with an index signature.
export type SubscriptionCaller = {
  readonly principal: Principal;
  /** When the access token expires (ms since the epoch): the stream ends then. Undefined: anonymous. */
  readonly expiresAtMs: number | undefined;
  /** The `Authorization` it authenticated with (header, or `connection_init`'s): a read of a dossier on its behalf. */
  readonly authorization: string | undefined;
  /** The caller's address as the gateway established it (rate limits and access log count a read on its behalf as theirs). */
  readonly clientIp: string;
  /** This gateway's own `/graphql`, at the address the caller reached. */
  readonly graphqlUrl: string;
  /** W3C trace id of the request (or connection) that opened the stream. */
  readonly traceId: string;
  /** `Last-Event-ID` of an SSE request: resume after it (an `after` argument wins). */
  readonly lastEventId: string | undefined;
  /**
   * SSE only: the cursor of each event resolved for this stream, in order, until the transport writes it as that
   * message's `id:` line — so that an `EventSource` (or a proxy) resumes with `Last-Event-ID` on its own.
   */
  readonly sentCursors?: string[];
  /** Aborted with the StreamEnd reason when the gateway ends one of this caller's streams (slow client: close it). */
  readonly ended: AbortController;
};
