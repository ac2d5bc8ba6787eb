import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageSecurityHeaders, sendJson, type RouteHandler, type Routes } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import { selfGraphqlUrl } from '../self-graph/index.js';
import { figuresNewsFrom, type RoomEventSource } from './figures-news.js';
import { createFiguresPoller, isFatalFailure, type FiguresPoller, type FiguresSubscriber } from './figures-poller.js';
import { readFigures, type FiguresRead } from './read-figures.js';
import { roomContentSecurityPolicy, securityHeaders } from './security-headers.js';
import { loadPageFiles, sendAsset } from './static-assets.js';
import type { StreamCaller, StreamDoor } from './stream-door.js';
import { filterKey, parseSupervisionFilter, SupervisionFilterError, type SupervisionFilter } from './supervision-filter.js';

export interface SupervisionRoutesOptions {
  readonly log: Logger;
  /** Verifies each stream's caller with its real address before anything is read (see StreamDoor). */
  readonly door: StreamDoor;
  /**
   * Least pause between two reads of the figures per token and filter, and their pace without live dossier events.
   * Default 2000 (`SUPERVISION_PUSH_MS`).
   */
  readonly pushIntervalMs?: number;
  /**
   * The process's dossier-event hub (absent when subscriptions are off). While it is connected upstream, a read loop
   * reads when an event of its filter comes, and otherwise every `idleRefreshMs`; while not, every `pushIntervalMs`.
   */
  readonly events?: RoomEventSource;
  /** Pause between two reads while events are heard and none concerns the filter. Default 30000 (`SUPERVISION_IDLE_REFRESH_MS`). */
  readonly idleRefreshMs?: number;
  /** Open live streams in this process; beyond, 503. Default 200 (`SUPERVISION_MAX_STREAMS`). */
  readonly maxStreams?: number;
  /**
   * Open live streams of one principal (subject and client, whatever the token) in this process; beyond, 429. Default 8
   * (`SUPERVISION_MAX_STREAMS_PER_PRINCIPAL`): a wall screen and a few ministry screens, never the whole room.
   */
  readonly maxStreamsPerPrincipal?: number;
  /** A heartbeat frame this often on every stream. Default 15000. */
  readonly keepAliveMs?: number;
  /** Longest wait for one read of the figures. Default 10000. */
  readonly readTimeoutMs?: number;
  /** The GraphQL endpoint the room reads through. Default: `/graphql` at the address the stream's client reached. */
  readonly graphqlUrl?: string;
  /**
   * How the page signs its supervisors in: the OIDC provider's issuer (endpoints read from its discovery document) and
   * the room's public client id, served at `GET /supervision/sign-in.json`; the issuer's origin joins the page's
   * `connect-src`. Absent: the page has no sign-in but the integrators' pasted token.
   */
  readonly signIn?: RoomSignIn;
  /** The web build (`dist/supervision-web`). Default: found from this module's place. */
  readonly webDirectory?: string;
}

export interface RoomSignIn {
  readonly issuer: string;
  readonly clientId: string;
}

export interface SupervisionRoutes {
  /** `GET /supervision`, its assets, and `GET /supervision/events`: spread them into the gateway's routes. */
  readonly routes: Routes;
  /** Ends every live stream and stops reading. Call it before closing the HTTP server: a stream never ends alone. */
  close(): Promise<void>;
  /** Live streams open now. */
  readonly streamCount: number;
}

/** A stream whose client reads slower than this many buffered bytes is cut (it reconnects and gets fresh figures). */
const maxBufferedBytes = 1_000_000;

const messages: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'Jeton absent, invalide ou expiré : reconnectez-vous avec un jeton de superviseur.',
  FORBIDDEN: 'Ce jeton ne donne pas accès à la supervision (rôle superviseur requis).',
  RATE_LIMITED: 'Trop de requêtes pour ce jeton : nouvelle tentative sous peu.',
  BAD_USER_INPUT: 'Filtre invalide.',
  SERVICE_OVERLOADED: 'Trop de tableaux de bord ouverts sur ce serveur : réessayez plus tard.',
  SHUTTING_DOWN: 'Le serveur s’arrête : réessayez dans un instant.',
  NOT_BUILT: 'Le tableau de bord n’est pas construit sur ce serveur (npm run build).',
};
/** Beyond the per-principal cap: says the limit, and what to do. */
const tooManyStreams = (max: number) => `Trop de tableaux de bord ouverts avec ce compte (au plus ${max} à la fois) : fermez-en un, puis réessayez.`;
/** A refused stream's client retries after this long at the earliest (a stream ends when its screen closes). */
const retryAfterFullS = '30';

const httpStatusOfFailure: Readonly<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, BAD_USER_INPUT: 400 };

function sendError(res: ServerResponse, status: number, code: string, headers: Readonly<Record<string, string>> = {}, message?: string): void {
  sendJson(res, status, { error: { code, message: message ?? messages[code] ?? 'Les chiffres de supervision sont indisponibles.' } }, { ...securityHeaders, 'cache-control': 'no-store', ...headers });
}

/** The gateway takes JWT access tokens only: anything else is refused here, without a read through the graph. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{0,4096})$/.exec(header ?? '');
  return match?.[1];
}

function defaultWebDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Built: dist/gateway/supervision-room → dist/supervision-web. From source (tests): the built copy under dist/.
  const candidates = [join(here, '../../supervision-web'), join(here, '../../dist/supervision-web')];
  return candidates.find((dir) => existsSync(join(dir, 'main.js'))) ?? candidates[1]!;
}

/**
 * The supervision room's routes: the page and its assets (in memory, strict CSP), and the live channel: Server-Sent
 * Events over a GET the page opens with `fetch` and the supervisor's bearer token. The door verifies the caller first
 * (a refusal counts against the caller's address; no read loop for a junk token); each principal has at most
 * `maxStreamsPerPrincipal` streams, the process `maxStreams`. Streams of the same token and filter share one read loop
 * through the gateway's own `/graphql`, each read carrying the caller's address, when dossier events say the read
 * model has news for the filter (or on the idle refresh, or at the push pace without events); a frame is pushed only
 * when the figures change.
 */
export function createSupervisionRoutes(options: SupervisionRoutesOptions): SupervisionRoutes {
  const { log, door, events: eventSource, pushIntervalMs = 2_000, idleRefreshMs = 30_000, maxStreams = 200, maxStreamsPerPrincipal = 8, keepAliveMs = 15_000, readTimeoutMs = 10_000 } = options;
  const webDirectory = options.webDirectory ?? defaultWebDirectory();
  const files = loadPageFiles(webDirectory);
  if (!files.page) log.warn({ webDirectory }, 'supervision page not built; /supervision answers 503');
  const pollers = new Map<string, FiguresPoller>();
  const streams = new Set<ServerResponse>();
  /** Open streams per principal key. */
  const perPrincipal = new Map<string, number>();
  let closed = false;

  const pollerFor = (token: string, filter: SupervisionFilter, graphqlUrl: string, caller: StreamCaller): FiguresPoller => {
    // The token's hash, never the token, keys the map; different tokens never share figures.
    const key = `${createHash('sha256').update(token).digest('base64url')}|${filterKey(filter)}`;
    const existing = pollers.get(key);
    if (existing) return existing;
    const poller = createFiguresPoller({
      read: (signal) => readFigures({ graphqlUrl, token, filter, signal, headers: caller.readHeaders() }),
      intervalMs: pushIntervalMs,
      ...(eventSource ? { news: figuresNewsFrom(eventSource, filter), idleRefreshMs: Math.max(idleRefreshMs, pushIntervalMs) } : {}),
      keepAliveMs,
      readTimeoutMs,
      onStop: () => {
        if (pollers.get(key) === poller) pollers.delete(key);
      },
    });
    pollers.set(key, poller);
    return poller;
  };

  const events: RouteHandler = async (req, res, url) => {
    if (closed) return sendError(res, 503, 'SHUTTING_DOWN');
    const verdict = await door.admit(req);
    if (verdict.kind === 'refused') {
      if (verdict.code === 'RATE_LIMITED') return sendError(res, 429, 'RATE_LIMITED', { 'retry-after': String(Math.max(1, Math.ceil((verdict.retryAfterMs ?? 1_000) / 1_000))) });
      return sendError(res, 401, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
    }
    const { caller } = verdict;
    // The door verified it: a token the room could not put back in a header is still refused.
    const token = bearerToken(req.headers.authorization);
    if (!token) return sendError(res, 401, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
    let filter: SupervisionFilter;
    try {
      filter = parseSupervisionFilter(url.searchParams);
    } catch (error) {
      if (error instanceof SupervisionFilterError) return sendError(res, 400, 'BAD_USER_INPUT');
      throw error;
    }
    const mine = perPrincipal.get(caller.principalKey) ?? 0;
    if (mine >= maxStreamsPerPrincipal) return sendError(res, 429, 'TOO_MANY_STREAMS', { 'retry-after': retryAfterFullS }, tooManyStreams(maxStreamsPerPrincipal));
    if (streams.size >= maxStreams) return sendError(res, 503, 'SERVICE_OVERLOADED', { 'retry-after': retryAfterFullS });
    const poller = pollerFor(token, filter, options.graphqlUrl ?? selfGraphqlUrl(req), caller);
    let streaming = false;
    const subscriber: FiguresSubscriber = {
      write(frame) {
        if (!streaming || res.destroyed) return;
        if (res.writableLength > maxBufferedBytes) res.destroy();
        else res.write(frame);
      },
      end() {
        if (streaming) res.end();
      },
    };
    // Subscribed before the first read ends, so that a client leaving meanwhile still stops an unshared poller.
    streams.add(res);
    perPrincipal.set(caller.principalKey, mine + 1);
    const unsubscribe = poller.subscribe(subscriber);
    res.once('close', () => {
      streams.delete(res);
      const left = (perPrincipal.get(caller.principalKey) ?? 1) - 1;
      if (left > 0) perPrincipal.set(caller.principalKey, left);
      else perPrincipal.delete(caller.principalKey);
      unsubscribe();
    });
    const first: FiguresRead = await poller.firstRead;
    if (res.destroyed || res.writableEnded) return;
    if (first.kind === 'failure' && (httpStatusOfFailure[first.code] !== undefined || isFatalFailure(first.code))) {
      unsubscribe();
      const retryAfter: Record<string, string> = first.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(first.retryAfterMs / 1000)) };
      return sendError(res, httpStatusOfFailure[first.code] ?? 502, first.code, retryAfter);
    }
    if (closed) return sendError(res, 503, 'SHUTTING_DOWN');
    res.writeHead(200, { ...securityHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    streaming = true;
    res.write(poller.currentFrame ?? ': waiting for the first figures\n\n');
  };

  const { signIn } = options;
  const pageHeaders = signIn === undefined ? securityHeaders : pageSecurityHeaders(roomContentSecurityPolicy([new URL(signIn.issuer).origin]));
  const page: RouteHandler = (req, res) => {
    if (!files.page) return sendError(res, 503, 'NOT_BUILT');
    sendAsset(req, res, files.page, pageHeaders);
  };
  const signInBody = { issuer: signIn?.issuer ?? null, clientId: signIn?.clientId ?? null };
  const signInSettings: RouteHandler = (_req, res) => sendJson(res, 200, signInBody, { ...securityHeaders, 'cache-control': 'no-cache' });
  const routes: Record<string, RouteHandler> = {
    'GET /supervision': page,
    'GET /supervision/': page,
    'GET /supervision/events': events,
    'GET /supervision/sign-in.json': signInSettings,
  };
  for (const [name, asset] of files.assets) routes[`GET /supervision/assets/${name}`] = (req, res) => sendAsset(req, res, asset);

  return {
    routes,
    async close() {
      closed = true;
      // Ends the open streams; a stream still waiting for its first figures gets a 503 once the aborted read returns.
      for (const poller of [...pollers.values()]) poller.stop();
    },
    get streamCount() {
      return streams.size;
    },
  };
}
