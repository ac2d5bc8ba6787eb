import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';

// The spec's own type first: a tie (any type accepted, or no Accept at all) goes to GraphQL.
const offered = ['application/graphql-response+json', 'application/json', 'text/html'];

/**
 * True when a GET comes from a browser's address bar or a link: `text/html` is preferred to every GraphQL response
 * type (browsers send `text/html,…` with the wildcard at q=0.8). curl, fetch and GraphQL clients are not.
 */
export function prefersHtml(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.headers.accept === undefined) return false;
  return new Negotiator(req).mediaType(offered) === 'text/html';
}
