import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { BodyTooLargeError, readBody, sendJson, sendRepresentation, type CompressionOptions, type RepresentationOptions } from '../http/index.js';
import type { RouteHandler } from '../http/index.js';
import { createIncrementalChannel, negotiateIncrementalFormat, type IncrementalResponse } from './incremental-response.js';
import { writeMultipart } from './write-multipart.js';
import { graphqlRequestErrorCodes, legacyJsonStatus } from './conform-status.js';
import { isCsrfSimpleRequest, requestBodyTypeOf } from './request-content-type.js';
import { applicationJson, isSingleResultType, negotiateResponseType, type ResponseMediaType } from './response-media-type.js';

export interface GraphQLHandlerOptions<C extends BaseContext> {
  readonly server: ApolloServer<C>;
  /**
   * Builds the per-request context (DataLoaders, caller…); called once per HTTP request. `incremental`: present when
   * the client accepts a `multipart/mixed` answer; the executor may start it to answer in parts (`@defer`).
   */
  readonly context: (req: IncomingMessage, incremental?: IncrementalResponse) => Promise<C>;
  /** Largest accepted request body. Default 1 MB. */
  readonly maxBodyBytes?: number;
  /**
   * `Cache-Control` for a response Apollo Server sent without one (refused before execution: CSRF, a GET without a
   * query…). Default: none added. Apollo's cache-control plugin sets the header on every executed operation.
   */
  readonly defaultCacheControl?: string;
  /** Compress complete answers by `Accept-Encoding` (never streams). Absent: never (the subgraphs, on loopback). */
  readonly compression?: CompressionOptions;
  /**
   * Weak `ETag` and `304 Not Modified` on GET answers that may be stored (`Cache-Control` without `no-store`).
   * `callerOf` names who a non-public answer is for (say the principal): it goes into the tag. Absent: no ETags.
   */
  readonly entityTags?: { readonly callerOf: (contextValue: C) => string };
  /**
   * Codes of the server's own validation rules (complexity limits, trusted documents…): like GraphQL validation
   * errors, answered 200 to a client that takes `application/json` only (see conform-status.ts).
   */
  readonly validationErrorCodes?: readonly string[];
  /** Headers that make a request non-simple for Apollo's CSRF prevention. Default Apollo's recommended two. */
  readonly csrfPreventionHeaders?: readonly string[];
}

/**
 * Serves an Apollo Server over plain node:http (GET and POST), the way the official integrations do
 * (`executeHTTPGraphQLRequest`), without a web framework in the hot path, and to the letter of GraphQL over HTTP
 * where Apollo is looser: `Accept` negotiated before anything runs (406), POST bodies other than UTF-8 JSON refused
 * (415), the answer's media type following `Accept` (`application/graphql-response+json` by default) and the legacy
 * `application/json` answered 200 for GraphQL request errors. Then the bytes: ETag/304 and compression
 * (lib/http/send-representation.ts).
 */
export function createGraphQLHandler<C extends BaseContext>({
  server,
  context,
  maxBodyBytes = 1_000_000,
  defaultCacheControl,
  compression,
  entityTags,
  validationErrorCodes = [],
  csrfPreventionHeaders = ['x-apollo-operation-name', 'apollo-require-preflight'],
}: GraphQLHandlerOptions<C>): RouteHandler {
  const requestErrorCodes = new Set([...graphqlRequestErrorCodes, ...validationErrorCodes]);
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const responseType = negotiateResponseType(req.headers.accept);
    // Our own refusals speak the negotiated JSON type (or application/json when the client accepts none).
    const refusalType = responseType === undefined || responseType === 'multipart/mixed' ? applicationJson : responseType;
    const refuse = (status: number, message: string, code: string, headers: Readonly<Record<string, string>> = {}) =>
      sendJson(res, status, graphqlError(message, code), { 'content-type': refusalType, ...noStore, ...headers });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        // The rest of the body is still on the wire: close the connection, or the next request on it reads garbage.
        if (error instanceof BodyTooLargeError) return refuse(413, `Request body too large (limit ${maxBodyBytes} bytes).`, 'BAD_REQUEST', { connection: 'close' });
        throw error;
      }
      const contentType = req.headers['content-type'];
      if (requestBodyTypeOf(contentType) === 'json') {
        try {
          body = JSON.parse(text);
        } catch {
          return refuse(400, 'Invalid JSON request body.', 'BAD_REQUEST');
        }
      } else if (isCsrfSimpleRequest(contentType, req.headers, csrfPreventionHeaders)) {
        // Apollo refuses it as a possible cross-site request forgery, before reading it.
        body = text;
      } else {
        return refuse(415, 'Unsupported request Content-Type: send the GraphQL request as application/json (UTF-8).', 'BAD_REQUEST', { 'accept-post': 'application/json' });
      }
    }
    // GraphQL over HTTP, "Body": 406 and stop processing — a mutation must not run for an answer nobody can read.
    if (responseType === undefined) return refuse(406, 'Not Acceptable: accept application/graphql-response+json or application/json.', 'BAD_REQUEST');
    const format = negotiateIncrementalFormat(headers.get('accept'));
    const incremental = format === undefined ? undefined : createIncrementalChannel(format);
    let contextValue: C | undefined;
    const execution = server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: async () => (contextValue = await context(req, incremental)),
    });
    if (incremental !== undefined) {
      // Whichever comes first: a whole answer (no @defer, a refusal, a cache hit), or the first part of one in parts.
      const inParts = await Promise.race([execution.then(() => false), incremental.started.then(() => true)]);
      if (inParts) {
        // The pipeline ends once every part is out; its whole answer (already sent in parts) is left unread.
        void execution.finally(() => incremental.close()).catch(() => undefined);
        return writeMultipart(res, incremental);
      }
    }
    const response = await execution;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (defaultCacheControl !== undefined && !response.headers.has('cache-control')) res.setHeader('cache-control', defaultCacheControl);
    const status = response.status ?? 200;
    if (response.body.kind === 'complete') {
      const text = response.body.string;
      const singleType = isSingleResultType(response.headers.get('content-type')) && responseType !== 'multipart/mixed' ? responseType : undefined;
      if (singleType !== undefined) res.setHeader('content-type', singleType);
      const finalStatus = singleType === applicationJson ? legacyJsonStatus(status, text, requestErrorCodes) : status;
      const entityTag = method === 'GET' && finalStatus === 200 && entityTags !== undefined ? entityTagScope(res, req, contextValue, entityTags.callerOf) : undefined;
      await sendRepresentation(req, res, finalStatus, text, { compression, entityTag });
      return;
    }
    // Streams (multipart/mixed) go out part by part, uncompressed: each part must reach the client when it is ready.
    res.statusCode = status;
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * The ETag's scope for this answer, or `undefined` when it gets none: an answer that may not be stored (`no-store`,
 * or no `Cache-Control` at all) is never revalidated. A public answer's tag is everyone's; any other is the caller's.
 */
function entityTagScope<C>(res: ServerResponse, req: IncomingMessage, contextValue: C | undefined, callerOf: (contextValue: C) => string): RepresentationOptions['entityTag'] {
  const cacheControl = String(res.getHeader('cache-control') ?? '').toLowerCase();
  if (cacheControl === '' || /(^|[\s,])no-store($|[\s,])/.test(cacheControl)) return undefined;
  if (/(^|[\s,])public($|[\s,])/.test(cacheControl)) return { scope: '' };
  // No context (its creation failed): the credential presented is the caller.
  return { scope: contextValue === undefined ? `authorization:${req.headers.authorization ?? ''}` : `caller:${callerOf(contextValue)}` };
}

/** Refusals made here, before Apollo Server: never worth caching. */
const noStore = { 'cache-control': 'no-store' };

function graphqlError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

export type { ResponseMediaType };
