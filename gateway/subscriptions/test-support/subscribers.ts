import { setTimeout as sleep } from 'node:timers/promises';
import type { FormattedExecutionResult as ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription, as a client library delivers it. */
export interface Subscriber {
  /** The next result, or `done` when the server completed the stream; fails after `waitMs` (a hung test, not a timing check). */
  next(waitMs?: number): Promise<ExecutionResult | 'done'>;
  close(): Promise<void>;
}

export type Transport = 'sse' | 'ws';

export interface SubscribeOptions {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly token?: string;
  /** SSE only: extra request headers (`Last-Event-ID`). */
  readonly headers?: Record<string, string>;
}

function wrap(iterator: AsyncIterableIterator<ExecutionResult>, dispose: () => void | Promise<void>): Subscriber {
  return {
    async next(waitMs = 8_000) {
      const guard = new AbortController();
      const result = await Promise.race([
        iterator.next(),
        sleep(waitMs, undefined, { signal: guard.signal }).then(() => {
          throw new Error(`no result within ${waitMs} ms`);
        }),
      ]);
      guard.abort();
      return result.done ? 'done' : result.value;
    },
    async close() {
      await iterator.return?.();
      await dispose();
    },
  };
}

/** The real `graphql-sse` client (distinct connections mode) on `${base}/graphql/stream`. */
export function sseSubscribe(base: string, { query, variables, token, headers = {} }: SubscribeOptions): Subscriber {
  const client = createSseClient({
    url: `${base}/graphql/stream`,
    headers: () => ({ ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }),
    retryAttempts: 0,
  });
  return wrap(client.iterate({ query, ...(variables ? { variables } : {}) }), () => client.dispose());
}

/** The real `graphql-ws` client on `ws://…/graphql`, the token in `connection_init`. */
export function wsSubscribe(base: string, { query, variables, token }: SubscribeOptions): Subscriber {
  const client = createWsClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return wrap(client.iterate({ query, ...(variables ? { variables } : {}) }), () => client.dispose());
}

export const subscribe = (transport: Transport, base: string, options: SubscribeOptions) => (transport === 'sse' ? sseSubscribe : wsSubscribe)(base, options);

export const myEvents = 'subscription Mine($after: ID) { myDossierEvents(after: $after) { cursor type reference status previousStatus ministryStatus ministry procedure at } }';
export const oneDossierEvents = 'subscription One($reference: ID!, $after: ID) { dossierEvents(reference: $reference, after: $after) { cursor type reference status ministry } }';

/** The event a result carries (first root field), or undefined when it carries errors only. */
export function eventOf(result: ExecutionResult | 'done'): Record<string, unknown> | undefined {
  if (result === 'done' || !result.data) return undefined;
  const value = Object.values(result.data)[0];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * Publishes `probe()` until the subscriber receives an event: the server has then registered the subscription (a
 * WebSocket subscription has no "subscribed" signal). Returns the cursor it ended on.
 */
export async function syncOn(subscriber: Subscriber, probe: () => unknown): Promise<string> {
  probe();
  const timer = setInterval(probe, 100);
  try {
    const result = await subscriber.next();
    const event = eventOf(result);
    if (event) return String(event.cursor);
    throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  } finally {
    clearInterval(timer);
  }
}

/**
 * Reads until the event with `cursor`, checking that every event before it passes `allowed` (probes published while
 * syncing may still be in flight); returns that event.
 */
export async function readUntil(subscriber: Subscriber, cursor: string, allowed: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (;;) {
    const result = await subscriber.next();
    const event = eventOf(result);
    if (!event) throw new Error(`expected the event ${cursor}, got ${JSON.stringify(result)}`);
    if (event.cursor === cursor) return event;
    if (!allowed(event)) throw new Error(`unexpected event before ${cursor}: ${JSON.stringify(event)}`);
  }
}
