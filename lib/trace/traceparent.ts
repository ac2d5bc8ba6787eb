import { randomBytes } from 'node:crypto';

const traceparentPattern = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The trace id of a valid W3C `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`), or undefined. An all-zero id is
 * invalid per the spec, and anything malformed is not trusted: it would end up in the audit trail and the logs.
 */
export function traceIdFromTraceparent(header: string | readonly string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const id = typeof value === 'string' ? traceparentPattern.exec(value.trim().toLowerCase())?.[1] : undefined;
  return id !== undefined && !/^0+$/.test(id) ? id : undefined;
}

/** The request's trace id from its `traceparent`, else a fresh one: every audit record and log line carries one. */
export function traceIdOf(header: string | readonly string[] | undefined): string {
  return traceIdFromTraceparent(header) ?? randomBytes(16).toString('hex');
}

/** A `traceparent` continuing `traceId` with a new span id (sampled), for a call made on the request's behalf. */
export function traceparentFor(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}
