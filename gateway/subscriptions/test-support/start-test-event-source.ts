import { createServer, type ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { createInternalTokenVerifier, INTERNAL_TOKEN_HEADER, type Principal } from '../../../auth/index.js';
import { compareCursors, type DossierEvent } from '../../../events/index.js';
import { closeServer, createRequestListener, listen, readBody, sendJson } from '../../../lib/http/index.js';

export interface TestEventSource {
  /** `…/internal/dossier-events`. */
  readonly eventsUrl: string;
  /** `…/graphql`: answers `dossier(reference)` as the dossiers subgraph would, from `owners` (a NIU, or `company:<NIF>`). */
  readonly lookupUrl: string;
  /** Appends an event (its cursor the next one) and sends it to every open stream. */
  publish(event: Omit<DossierEvent, 'cursor'>): DossierEvent;
  /** Every event published, forgotten ones included. */
  published(): readonly DossierEvent[];
  /** Forgets events up to `cursor` (retention): a stream asking for older ones starts with `event: reset`. */
  forgetUpTo(cursor: string): void;
  /** Cuts every open stream (the gateway must reconnect). */
  dropStreams(): void;
  /** Connections served, with the resume cursor each asked for. */
  readonly connections: { readonly after: string | undefined; readonly principal: Principal }[];
  /** How many streams are open now. */
  openStreams(): number;
  /** Ownership checks received. */
  readonly lookups: string[];
  /** The operation name of each lookup (what the access log says the read was for). */
  readonly operationNames: string[];
  close(): Promise<void>;
}

export const testInternalSecret = 'test-internal-token-secret-0123456789abcdef';

const pad = (n: number) => String(n).padStart(12, '0');

/**
 * The supervision subgraph's side of the issue-15 contract, for gateway tests: `GET /internal/dossier-events` (internal
 * token, `Last-Event-ID` or `?after=`, `event: dossier` with `id:`, `: heartbeat`, `event: reset`), and a GraphQL
 * `dossier(reference)` that answers from `owners` (reference → NIU) with the caller's principal, as the graph would.
 */
export async function startTestEventSource(owners: Readonly<Record<string, string>>, heartbeatMs = 200): Promise<TestEventSource> {
  const verifier = createInternalTokenVerifier({ secret: testInternalSecret });
  const log: DossierEvent[] = [];
  const all: DossierEvent[] = [];
  let forgotten = 0;
  const streams = new Set<ServerResponse>();
  const connections: { after: string | undefined; principal: Principal }[] = [];
  const lookups: string[] = [];
  const operationNames: string[] = [];
  const write = (res: ServerResponse, event: DossierEvent) => res.write(`event: dossier\nid: ${event.cursor}\ndata: ${JSON.stringify(event)}\n\n`);

  const server = createServer(
    createRequestListener({
      'GET /internal/dossier-events': async (req, res, url) => {
        let principal: Principal;
        try {
          const header = req.headers[INTERNAL_TOKEN_HEADER];
          principal = (await verifier.verify(typeof header === 'string' ? header : undefined)).principal;
        } catch {
          return sendJson(res, 401, { error: 'internal token required' });
        }
        const header = req.headers['last-event-id'];
        const after = (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('after') ?? undefined;
        connections.push({ after, principal });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.flushHeaders();
        if (after !== undefined) {
          const oldest = log[0];
          if (forgotten > 0 && oldest && compareCursors(after, pad(forgotten)) < 0) res.write(`event: reset\ndata: ${JSON.stringify({ oldest: oldest.cursor })}\n\n`);
          for (const event of log) if (compareCursors(event.cursor, after) > 0) write(res, event);
        }
        streams.add(res);
        const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
        res.on('close', () => {
          clearInterval(beat);
          streams.delete(res);
        });
      },
      'POST /graphql': async (req, res) => {
        // The gateway asks with the subscriber's own access token (already verified by it), as a client's query would.
        const claims = decodeJwt(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
        const body = JSON.parse(await readBody(req, 100_000)) as { operationName: string; variables: { reference: string } };
        const { reference } = body.variables;
        lookups.push(reference);
        operationNames.push(body.operationName);
        const owner = owners[reference];
        // A company's dossier (`company:<NIF>`) is its representatives', as the graph's canSeeDossier says.
        const companies = Array.isArray(claims.companies) ? claims.companies : [];
        const mayRead = claims.role === 'agent' || (owner !== undefined && (owner.startsWith('company:') ? companies.includes(owner.slice('company:'.length)) : claims.niu === owner));
        // The graph answers a dossier the caller may not read exactly as one that does not exist.
        if (owner === undefined || !mayRead) return sendJson(res, 200, { data: { dossier: null }, errors: [{ message: 'Élément introuvable.', extensions: { code: 'NOT_FOUND' } }] });
        sendJson(res, 200, { data: { dossier: { reference } } });
      },
    }),
  );
  const base = await listen(server, '127.0.0.1', 0);
  let next = 1;
  return {
    eventsUrl: `${base}/internal/dossier-events`,
    lookupUrl: `${base}/graphql`,
    publish(partial) {
      const event: DossierEvent = { cursor: pad(next++), ...partial };
      log.push(event);
      all.push(event);
      for (const res of streams) write(res, event);
      return event;
    },
    published: () => all,
    forgetUpTo(cursor) {
      while (log[0] && compareCursors(log[0].cursor, cursor) <= 0) log.shift();
      forgotten = Number(cursor);
    },
    dropStreams() {
      for (const res of streams) res.destroy();
    },
    connections,
    openStreams: () => streams.size,
    lookups,
    operationNames,
    close: async () => {
      for (const res of streams) res.destroy();
      await closeServer(server, 100);
    },
  };
}
