import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../lib/log/index.js';
import { sendJson } from '../../lib/http/index.js';
import { RateLimitedError } from '../rate-limit/index.js';
import { authenticateSubscriber, type ContextOf } from './authenticate-subscriber.js';
import type { SubscriptionSchema } from './create-subscription-schema.js';
import type { SubscriptionCaller } from './subscription-caller.js';
import type { DocumentGate } from './create-document-gate.js';

export interface SubscriptionServerOptions {
  readonly subscriptions: SubscriptionSchema;
  readonly context: ContextOf;
  /** WebSocket ping interval; a client that misses a pong is dropped (SSE streams get a comment every 12 s). */
  readonly heartbeatMs: number;
  /** Largest accepted SSE request body (the operation). */
  readonly maxBodyBytes: number;
  /** How long a slow client's connection may take to take its final message before it is cut. */
  readonly slowClientGraceMs: number;
  /** The trusted-documents rules (enforce mode: manifest documents only, but for open clients). */
  readonly documentGate: DocumentGate;
  readonly log: Logger;
}

export interface SubscriptionServer {
  /** `/graphql/stream`: GraphQL over Server-Sent Events (graphql-sse, distinct connections mode). */
  readonly sse: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Takes an HTTP upgrade for `/graphql` (graphql-transport-ws); false when the request is not one it serves. */
  readonly upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  /** Ends every stream with its final message, then closes every WebSocket. */
  close(): Promise<void>;
}

/** Subscriptions only: queries and mutations are answered by the federated executor at `POST /graphql`. */
const notASubscription = (): ExecutionResult => ({
  errors: [
    new GraphQLError('Seuls les abonnements (subscription) passent par ce canal : envoyez les requêtes et mutations à POST /graphql.', {
      extensions: { code: 'BAD_REQUEST' },
    }),
  ],
});

const wsPath = '/graphql';
/** RFC 6455 close codes: the server goes down; the server is overloaded (or the client too slow), try again later. */
const goingAway = 1001;
const tryAgainLater = 1013;

/**
 * Both transports of the gateway's subscriptions, over one executable schema. Authentication is `/graphql`'s
 * (bearer token; for WebSocket, in `connection_init`). Backpressure: a stream's next event is taken only once the
 * socket has drained its last, so the bounded per-stream queue fills behind a client that does not read, and the
 * stream then ends (`SLOW_CONSUMER`) and its connection is closed.
 */
export function createSubscriptionServer({ subscriptions, context, heartbeatMs, maxBodyBytes, slowClientGraceMs, documentGate, log }: SubscriptionServerOptions): SubscriptionServer {
  const { schema } = subscriptions;
  const callers = new WeakMap<IncomingMessage, SubscriptionCaller>();
  const handler = createHandler<SubscriptionCaller>({
    schema,
    // No stream tokens: every operation on its own connection (distinct connections mode), which HTTP/1 proxies carry.
    authenticate: () => null,
    execute: notASubscription,
    onSubscribe: (req, params) => {
      const caller = callers.get(req.raw);
      const refusal = caller && typeof params.query === 'string' ? documentGate(params.query, caller.principal) : undefined;
      // As on /graphql: HTTP 400 with the error, before any stream opens.
      if (refusal)
        return [
          JSON.stringify({ errors: [refusal.toJSON()] }),
          { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } },
        ];
    },
    context: (req) => {
      const caller = callers.get(req.raw);
      if (!caller) throw new Error('subscription request without an authenticated caller');
      return caller;
    },
    onNext: async (caller, req) => {
      const { res } = req.context;
      // graphql-sse queues messages for its writer without bound: take the next event only once the socket has
      // flushed what it holds, so that a client that does not read fills this stream's bounded queue instead.
      if ((res.socket?.writableLength ?? 0) > 0) await flushed(res, caller.ended.signal);
    },
    onComplete: (caller, req) => {
      // The last message is written; a client that reads nothing would hold the socket: cut it after a grace.
      if (caller.ended.signal.aborted && caller.ended.signal.reason === 'SLOW_CONSUMER') setTimeout(() => req.context.res.destroy(), slowClientGraceMs).unref();
    },
  });

  const sse = async (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) return sendJson(res, 413, { errors: [{ message: 'Requête trop volumineuse.', extensions: { code: 'BAD_REQUEST' } }] });
    let caller: SubscriptionCaller;
    try {
      caller = await authenticateSubscriber(context, req, req.headers.authorization);
    } catch (error) {
      return refuse(res, error);
    }
    const sentCursors: string[] = [];
    callers.set(req, { ...caller, sentCursors });
    withEventIds(res, sentCursors);
    try {
      await handler(req, res);
    } catch (error) {
      // The client went away mid-write: the stream is over, nothing failed on our side.
      if (isConnectionGone(error)) return;
      log.error({ err: error, traceId: caller.traceId }, 'subscription stream failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Erreur interne.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    }
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  const wsCallers = new WeakMap<object, SubscriptionCaller>();
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      execute: notASubscription,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.Authorization ?? ctx.connectionParams?.authorization;
        try {
          const caller = await authenticateSubscriber(context, ctx.extra.request, typeof raw === 'string' ? raw : undefined);
          wsCallers.set(ctx.extra.socket, caller);
          // Slow client: its queue overflowed; its last message waits behind what it did not read. Close.
          caller.ended.signal.addEventListener('abort', () => {
            if (caller.ended.signal.reason !== 'SLOW_CONSUMER') return;
            ctx.extra.socket.close(tryAgainLater, 'SLOW_CONSUMER: resume after the last cursor');
            setTimeout(() => ctx.extra.socket.terminate(), slowClientGraceMs).unref();
          });
          return true;
        } catch (error) {
          const { code, reason } = refusalOf(error);
          ctx.extra.socket.close(code === 'UNAUTHENTICATED' ? CloseCode.Unauthorized : tryAgainLater, reason ? `${code}: ${reason}` : code);
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const caller = wsCallers.get(ctx.extra.socket);
        const refusal = caller ? documentGate(payload.query, caller.principal) : undefined;
        if (refusal) return [refusal];
      },
      context: (ctx) => {
        const caller = wsCallers.get(ctx.extra.socket);
        if (!caller) throw new Error('subscription without an authenticated connection');
        return caller;
      },
    },
    wss,
    heartbeatMs,
  );

  return {
    sse,
    upgrade(req, socket, head) {
      if (new URL(req.url ?? '/', 'http://gateway').pathname !== wsPath) return false;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      return true;
    },
    async close() {
      subscriptions.endAll();
      // Let the final messages go out before the sockets close.
      await new Promise((resolve) => setImmediate(resolve));
      for (const client of wss.clients) client.close(goingAway, 'SHUTTING_DOWN');
      await disposable.dispose();
    },
  };
}

/**
 * Gives each `next` message of an SSE stream the SSE `id:` field, its event's cursor: graphql-sse writes its messages
 * without one, so a browser's `EventSource` or an HTTP proxy reconnecting on its own would resume from nothing.
 * graphql-sse writes one whole message per `write`, in the order the events were resolved, so the cursors are taken
 * in that order; a message with no event (the stream's last error) takes none.
 */
function withEventIds(res: ServerResponse, sentCursors: string[]): void {
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('event: next\n') && !chunk.startsWith('event: next\ndata: {"errors"')) {
      const cursor = sentCursors.shift();
      if (cursor !== undefined) return write(`id: ${cursor}\n${chunk}`, ...rest);
    }
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
}

function isConnectionGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

/**
 * Waits until what `res` holds is handed to the kernel (an SSE comment's write callback: callbacks run in order), its
 * connection closes, or the gateway ends the stream.
 */
function flushed(res: ServerResponse, ended: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('close', done);
      ended.removeEventListener('abort', done);
      resolve();
    };
    res.once('close', done);
    ended.addEventListener('abort', done);
    if (ended.aborted || !res.writable) return done();
    res.write(':\n\n', done);
  });
}

function refusalOf(error: unknown): { code: string; reason?: string; status: number; headers: Record<string, string>; message: string } {
  if (error instanceof RateLimitedError) {
    return {
      code: 'RATE_LIMITED',
      status: 429,
      headers: { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1_000))) },
      message: 'Trop de requêtes. Réessayez dans quelques instants.',
    };
  }
  if (error instanceof GraphQLError) {
    const http = error.extensions.http as { status?: number; headers?: Iterable<[string, string]> } | undefined;
    const reason = typeof error.extensions.reason === 'string' ? error.extensions.reason : undefined;
    return {
      code: String(error.extensions.code ?? 'UNAUTHENTICATED'),
      ...(reason ? { reason } : {}),
      status: http?.status ?? 401,
      headers: Object.fromEntries(http?.headers ?? []),
      message: error.message,
    };
  }
  throw error;
}

function refuse(res: ServerResponse, error: unknown): void {
  const { code, reason, status, headers, message } = refusalOf(error);
  sendJson(res, status, { errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] }, { 'cache-control': 'no-store', ...headers });
}
