import type { FormattedExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ReceivedEvent } from './push-event-tally.js';

export type PushTransport = 'sse' | 'ws';

/** One citizen's app subscribed with a real client library; events and failures go to the callbacks. */
export interface PushSubscriber {
  readonly id: string;
  readonly transport: PushTransport;
  close(): void;
}

export interface SubscribeCallbacks {
  readonly onEvent: (subscriber: string, event: ReceivedEvent, atMs: number) => void;
  /** The stream failed or ended (the figure counts it: a subscription must stay open). */
  readonly onEnd: (subscriber: string, why: string) => void;
}

/**
 * `query` (a subscription whose first root field is a dossier event) over the real `graphql-sse` client (distinct
 * connections mode, `/graphql/stream`) or `graphql-ws` client (`/graphql`), as a citizen's app would, no retry: a
 * dropped stream is a failure of the figure, not something to paper over.
 */
export function subscribeCitizen(transport: PushTransport, origin: string, id: string, token: string, query: string, callbacks: SubscribeCallbacks): PushSubscriber {
  const sink = {
    next: (result: FormattedExecutionResult) => {
      const atMs = performance.now();
      const event = result.data ? Object.values(result.data)[0] : undefined;
      if (result.errors || typeof event !== 'object' || event === null) {
        callbacks.onEnd(id, `an error result: ${JSON.stringify(result.errors ?? result).slice(0, 300)}`);
        return;
      }
      const e = event as Record<string, unknown>;
      callbacks.onEvent(id, { cursor: String(e.cursor), type: String(e.type), reference: String(e.reference), status: String(e.status) }, atMs);
    },
    error: (error: unknown) => callbacks.onEnd(id, describe(error)),
    complete: () => callbacks.onEnd(id, 'completed by the server'),
  };
  if (transport === 'sse') {
    const client = createSseClient({ url: `${origin}/graphql/stream`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const unsubscribe = client.subscribe({ query }, sink);
    return {
      id,
      transport,
      close: () => {
        unsubscribe();
        client.dispose();
      },
    };
  }
  const client = createWsClient({ url: `${origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true });
  const unsubscribe = client.subscribe({ query }, sink);
  return {
    id,
    transport,
    close: () => {
      unsubscribe();
      void client.dispose();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  // graphql-ws reports a close as a CloseEvent-like object.
  if (typeof error === 'object' && error !== null && 'code' in error) return `closed ${String((error as { code: unknown }).code)} ${String((error as { reason?: unknown }).reason ?? '')}`;
  return JSON.stringify(error);
}
