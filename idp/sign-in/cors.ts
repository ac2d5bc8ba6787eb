import type { RouteHandler } from '../../lib/http/index.js';

/**
 * Lets the room's page (another origin than the IdP's) read the answers of the token endpoints. Its requests are
 * form posts without custom headers, so browsers send no preflight; `*` for the public documents (discovery, JWKS).
 */
export function withCors(handler: RouteHandler, origins: readonly string[] | '*'): RouteHandler {
  return (req, res, url) => {
    const origin = req.headers.origin;
    if (origins === '*') res.setHeader('access-control-allow-origin', '*');
    else if (origin !== undefined && origins.includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
    }
    return handler(req, res, url);
  };
}
