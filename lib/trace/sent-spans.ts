/**
 * The span ids named as parent in the `traceparent` of calls made for a trace, while someone watches it: the gateway
 * watches each request's trace, so that an answer a subgraph sent to *another* request (a shared or cached read)
 * is told apart by the parent it echoes. Works whether or not the request runs in a trace scope.
 */
const watched = new Map<string, { readonly spanIds: Set<string>; refs: number }>();

/** Starts noting the spans sent for `traceId`; the same set for concurrent watchers of one trace. */
export function watchSentSpans(traceId: string): ReadonlySet<string> {
  let entry = watched.get(traceId);
  if (entry === undefined) watched.set(traceId, (entry = { spanIds: new Set(), refs: 0 }));
  entry.refs += 1;
  return entry.spanIds;
}

export function unwatchSentSpans(traceId: string): void {
  const entry = watched.get(traceId);
  if (entry === undefined) return;
  entry.refs -= 1;
  if (entry.refs <= 0) watched.delete(traceId);
}

/** Called for each `traceparent` made. */
export function noteSentSpan(traceId: string, spanId: string): void {
  const entry = watched.get(traceId);
  if (entry !== undefined && entry.spanIds.size < 1_000) entry.spanIds.add(spanId);
}
