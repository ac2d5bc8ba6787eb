import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { BodyTooLargeError, readBody, sendJson } from '../http/index.js';
import type { RouteHandler } from '../http/index.js';

export interface GraphQLHandlerOptions<C extends BaseContext> {
  readonly server: ApolloServer<C>;
  /** Builds the per-request context (DataLoaders, caller…); called once per HTTP request. */
  readonly context: (req: IncomingMessage) => Promise<C>;
  /** Largest accepted request body. Default 1 MB. */
  readonly maxBodyBytes?: number;
  /**
   * `Cache-Control` for a response Apollo Server sent without one (refused before execution: CSRF, a GET without a
   * query…). Default: none added. Apollo's cache-control plugin sets the header on every executed operation.
   */
  readonly defaultCacheControl?: string;
}

/**
 * Serves an Apollo Server over plain node:http (GET and POST), the way the official integrations do
 * (`executeHTTPGraphQLRequest`), without a web framework in the hot path.
 */
export function createGraphQLHandler<C extends BaseContext>({ server, context, maxBodyBytes = 1_000_000, defaultCacheControl }: GraphQLHandlerOptions<C>): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        // The rest of the body is still on the wire: close the connection, or the next request on it reads garbage.
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, graphqlError(`Request body too large (limit ${maxBodyBytes} bytes).`, 'BAD_REQUEST'), { connection: 'close', ...noStore });
        throw error;
      }
      if ((headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = JSON.parse(text);
        } catch {
          return sendJson(res, 400, graphqlError('Invalid JSON request body.', 'BAD_REQUEST'), noStore);
        }
      } else {
        body = text;
      }
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (defaultCacheControl !== undefined && !response.headers.has('cache-control')) res.setHeader('cache-control', defaultCacheControl);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** Refusals made here, before Apollo Server: never worth caching. */
const noStore = { 'cache-control': 'no-store' };

function graphqlError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}
