import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';
import { sendJson } from '../../lib/http/index.js';
import { ErrorCode, type ErrorCode as Code } from '../../schema/index.js';

/** Nothing about a citizen's documents is kept by a cache, refusals included. */
export const noStore = { 'cache-control': 'no-store' };

/** A refusal in the GraphQL error shape (`errors[0].extensions.code`, a French message), so that a client handles both alike. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: Code | string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...details } }] }, { ...noStore, ...headers });
}

/** The context factory's refusal (a refused token, a rate limit…) with its own HTTP status and headers. */
export function refuseGraphQL(res: ServerResponse, error: GraphQLError): void {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  const code = typeof error.extensions.code === 'string' ? error.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  const { http: _http, code: _code, ...details } = error.extensions;
  sendError(res, http?.status ?? 500, code, error.message, details, Object.fromEntries(http?.headers ?? []));
}
