import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, with whether its Standard Webhooks signature verified against the path's secret. */
export interface Received {
  readonly path: string;
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verified: boolean;
  /** The status it answered (null: it never answered, the connection was cut). */
  status: number | null;
}

/** How the receiver answers one path: a status, or `hang` (never answers). */
export type Behaviour = number | 'hang' | ((request: Received, seen: number) => number | 'hang');

/**
 * A real HTTP receiver on 127.0.0.1 (allowed by the test's WEBHOOKS_ALLOWED_TARGETS): verifies every request's
 * signature with the official `standardwebhooks` package and the secret registered for its path.
 */
export async function startWebhookReceiver() {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const behaviours = new Map<string, Behaviour>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = secrets.get(path);
      let verified = false;
      if (secret) {
        try {
          new Webhook(secret).verify(body, {
            'webhook-id': String(req.headers['webhook-id'] ?? ''),
            'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
            'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
          });
          verified = true;
        } catch {
          verified = false;
        }
      }
      const request: Received = { path, id: String(req.headers['webhook-id'] ?? ''), headers: req.headers, body, verified, status: null };
      const seen = received.filter((r) => r.path === path && r.id === request.id).length;
      received.push(request);
      const behaviour = behaviours.get(path) ?? 204;
      const answer = typeof behaviour === 'function' ? behaviour(request, seen) : behaviour;
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      request.status = answer;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** The requests of `path`, in arrival order. */
    at: (path: string) => received.filter((r) => r.path === path),
    secretFor(path: string, secret: string) {
      secrets.set(path, secret);
    },
    answer(path: string, behaviour: Behaviour) {
      behaviours.set(path, behaviour);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
