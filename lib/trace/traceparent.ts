import { newSpanId, newTraceId } from './ids.js';
import { noteSentSpan } from './sent-spans.js';
import { currentTrace } from './trace-scope.js';

const traceparentPattern = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** What a valid `traceparent` says: the trace, the caller's span (the parent of ours), whether it is sampled. */
export interface RemoteParent {
  readonly traceId: string;
  readonly spanId: string;
  readonly sampled: boolean;
}

/**
 * Reads a W3C `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`). All-zero ids are invalid per the spec, and
 * anything malformed is not trusted: the trace id ends up in the audit trail, the operational records and the logs.
 */
export function parseTraceparent(header: string | readonly string[] | undefined): RemoteParent | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const match = traceparentPattern.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const [, traceId = '', spanId = '', flags = '00'] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** The trace id of a valid `traceparent`, or undefined. */
export function traceIdFromTraceparent(header: string | readonly string[] | undefined): string | undefined {
  return parseTraceparent(header)?.traceId;
}

/** The request's trace id from its `traceparent`, else a fresh one: every audit record and log line carries one. */
export function traceIdOf(header: string | readonly string[] | undefined): string {
  return traceIdFromTraceparent(header) ?? newTraceId();
}

/**
 * A `traceparent` for a call made on behalf of trace `traceId`. Inside a span of that trace (see `withSpan`) the
 * span is named as the parent, so the callee's spans hang under it; elsewhere a fresh span id keeps the trace id.
 */
export function traceparentFor(traceId: string): string {
  const scope = currentTrace();
  const spanId = scope !== undefined && scope.traceId === traceId ? scope.spanId : newSpanId();
  noteSentSpan(traceId, spanId);
  return `00-${traceId}-${spanId}-01`;
}
