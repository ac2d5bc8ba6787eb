import Negotiator from 'negotiator';

/**
 * The two incremental delivery formats clients parse: `deferSpec=20220824` (graphql-js 17.0.0-alpha.2: `incremental`
 * entries carrying their `path`; Apollo Client's `Defer20220824Handler`, urql, Relay, Apollo Router) and
 * `incrementalSpec=v0.2` (17.0.0-alpha.9: `pending`/`completed` by id; Apollo Client's `GraphQL17Alpha9Handler`,
 * Apollo Server 5).
 */
export type IncrementalFormat = 'deferSpec=20220824' | 'incrementalSpec=v0.2';

const offers: Readonly<Record<string, IncrementalFormat>> = {
  // First: a bare `multipart/mixed` (urql, meros-based clients) gets the format every such client parses.
  'multipart/mixed; deferSpec=20220824': 'deferSpec=20220824',
  'multipart/mixed; incrementalSpec=v0.2': 'incrementalSpec=v0.2',
};

/** The format a request's `Accept` header allows, or `undefined` when it accepts no `multipart/mixed` answer. */
export function negotiateIncrementalFormat(accept: string | undefined): IncrementalFormat | undefined {
  if (accept === undefined || !/multipart\/mixed/i.test(accept)) return undefined;
  const chosen = new Negotiator({ headers: { accept } }).mediaType(Object.keys(offers));
  return chosen === undefined ? undefined : offers[chosen];
}

/** A JSON payload of an incremental response (`data`/`incremental`…, `hasNext`). */
export type IncrementalPayload = Readonly<Record<string, unknown>> & { readonly hasNext: boolean };

/**
 * One request's incremental answer, between whoever executes the operation (which decides whether to answer in
 * parts) and the HTTP handler (which writes the parts). Nothing is written until `start`: an operation answered
 * whole never touches it.
 */
export interface IncrementalResponse {
  readonly format: IncrementalFormat;
  /** Sends the first payload: from here on the answer is `multipart/mixed`. `headers`: those set for the request so far. */
  start(first: IncrementalPayload, headers?: Iterable<[string, string]>): void;
  /** A subsequent payload; the last one says `hasNext: false`. */
  push(payload: IncrementalPayload): void;
}

/** The handler's side of an {@link IncrementalResponse}. */
export interface IncrementalChannel extends IncrementalResponse {
  /** Resolves at `start`. */
  readonly started: Promise<void>;
  readonly headers: readonly [string, string][];
  /** The payloads in order, ending after the one with `hasNext: false` (or at `close`). */
  payloads(): AsyncIterable<IncrementalPayload>;
  /** Ends the payloads even without a last one (the execution is over). */
  close(): void;
}

export function createIncrementalChannel(format: IncrementalFormat): IncrementalChannel {
  const queue: IncrementalPayload[] = [];
  const headers: [string, string][] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const enqueue = (payload: IncrementalPayload) => {
    if (closed) return;
    queue.push(payload);
    if (!payload.hasNext) closed = true;
    wake?.();
  };
  return {
    format,
    started,
    headers,
    start(first, extra = []) {
      headers.push(...extra);
      enqueue(first);
      markStarted();
    },
    push: enqueue,
    close() {
      closed = true;
      wake?.();
    },
    async *payloads() {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          if (!next.hasNext) return;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
  };
}
