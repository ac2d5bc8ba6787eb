import type { IncrementalResponse } from '../../lib/graphql-http/index.js';

/**
 * The request's incremental answer, found again by the executor through the context. Apollo Server clones the
 * context per operation (own properties, symbols included), so it travels in it under a symbol, as the deadline does.
 */
const incrementalKey = Symbol('guichet.incrementalResponse');

interface IncrementalCarrier {
  [incrementalKey]?: IncrementalResponse;
}

/** Called by the context factory's wrapper: `incremental` is absent when the client accepts no multipart answer. */
export function bindIncrementalResponse(context: object, incremental: IncrementalResponse | undefined): void {
  if (incremental !== undefined) (context as IncrementalCarrier)[incrementalKey] = incremental;
}

export function incrementalResponseOf(context: object): IncrementalResponse | undefined {
  return (context as IncrementalCarrier)[incrementalKey];
}
