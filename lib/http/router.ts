import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** `'GET /health'` → handler; a path alone (`'/graphql'`) matches every method. */
export type Routes = Readonly<Record<string, RouteHandler>>;

/** The smallest router that serves our few fixed paths; unknown paths get a JSON 404. */
export function createRequestListener(routes: Routes, onError: (error: unknown) => void = () => undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes[`${req.method ?? 'GET'} ${url.pathname}`] ?? routes[url.pathname];
    if (!handler) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    Promise.resolve(handler(req, res, url)).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
