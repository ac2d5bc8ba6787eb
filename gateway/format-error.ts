import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../lib/log/index.js';
import { ErrorCode, errorMessages, isErrorCode } from '../schema/index.js';

const apolloCodes: ReadonlySet<string> = new Set(Object.values(ApolloServerErrorCode));

/**
 * Extension keys a client may see outside development: everything else is internal detail. `retryAfterMs`: when to
 * try again; `fields`: per-field detail of a BAD_USER_INPUT (schema/field-errors.ts); `reason`: why a token was
 * refused (`TOKEN_EXPIRED`: refresh it, `TOKEN_INVALID`: sign in again).
 */
export const publicExtensionKeys = ['code', 'system', 'subgraph', 'field', 'fields', 'reason', 'retryAfterMs'] as const;

/** Our codes (schema/error-codes.ts) and Apollo Server's standard ones. */
export function isPublicCode(code: unknown): code is string {
  return isErrorCode(code) || (typeof code === 'string' && apolloCodes.has(code));
}

export interface FormatErrorOptions {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly log: Logger;
}

/**
 * Apollo Server `formatError`: keeps `extensions.code` (and `system`, `subgraph`), names the subgraph an error came
 * from (the gateway's `serviceName`), drops every other extension outside development, and in production replaces
 * any error that is internal or has no known code with the generic French message (the original goes to the log).
 */
export function createFormatError({ nodeEnv, log }: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = withSubgraph(formatted.extensions ?? {});
    const code = extensions.code;
    const internal = !isPublicCode(code) || code === ErrorCode.INTERNAL_SERVER_ERROR;
    if (internal) log.error({ err: unwrapResolverError(error), code, subgraph: extensions.subgraph }, 'internal error');
    // A stack trace helps a developer with our own failures only: a refused request (CSRF, validation, a bad token)
    // is explained by its code and message, and a browser that stumbles on one must not meet a trace.
    if (nodeEnv === 'development') return { ...formatted, extensions: internal ? extensions : withoutStacktrace(extensions) };
    if (internal && nodeEnv === 'production') {
      // Say where it failed, nothing of what failed.
      return { message: errorMessages.INTERNAL_SERVER_ERROR, ...position(formatted), extensions: { ...pick(extensions, ['system', 'subgraph']), code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return { message: formatted.message, ...position(formatted), extensions: pick(extensions, publicExtensionKeys) };
  };
}

function withSubgraph(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { serviceName } = extensions;
  if (extensions.subgraph !== undefined || typeof serviceName !== 'string') return { ...extensions };
  return { ...extensions, subgraph: serviceName };
}

function withoutStacktrace({ stacktrace: _trace, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

function pick(extensions: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of keys) if (extensions[key] !== undefined) kept[key] = extensions[key];
  return kept;
}

function position({ locations, path }: GraphQLFormattedError): Pick<GraphQLFormattedError, 'locations' | 'path'> {
  return { ...(locations ? { locations } : {}), ...(path ? { path } : {}) };
}
