import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/**
 * `'GET /health'` → handler; a path alone (`'/graphql'`) matches every method; `'GET /documents/*'` matches every path
 * one segment below `/documents/` that has no route of its own (the handler reads the segment from the URL).
 */
export type Routes = Readonly<Record<string, RouteHandler>>;

/** The smallest router that serves our few fixed paths; unknown paths get a JSON 404. */
export function createRequestListener(routes: Routes, onError: (error: unknown) => void = () => undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const parent = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
    const handler = routes[`${method} ${url.pathname}`] ?? routes[url.pathname] ?? (parent.length > 1 ? routes[`${method} ${parent}*`] : undefined);
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
