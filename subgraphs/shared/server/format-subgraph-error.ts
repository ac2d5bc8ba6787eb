import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { isAdapterError } from '../../../adapters/shared/index.js';
import { isIdempotencyConflictError } from '../../../outbox/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { errorMessages, isErrorCode } from '../../../schema/index.js';

/** Apollo's own codes that describe the request itself; kept as they are. */
const requestCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * The subgraph end of the one error model: an AdapterError becomes its code with a French message and the system's
 * name; invalid arguments become BAD_USER_INPUT with the validation messages; anything else unexpected becomes
 * INTERNAL_SERVER_ERROR, its details kept for the logs only.
 */
export function createSubgraphErrorFormatter(log: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    if (isAdapterError(original)) {
      // A legacy failure that reaches a client is worth an operator's attention; a client's own mistake is not.
      if (original.code !== 'NOT_FOUND' && original.code !== 'BAD_USER_INPUT' && original.code !== 'IDEMPOTENCY_CONFLICT') {
        log.warn({ err: original, system: original.system, code: original.code }, 'legacy call failed');
      }
      return {
        ...base,
        message: original.userMessage ?? errorMessages[original.code],
        extensions: {
          code: original.code,
          system: original.system,
          ...(original.retryAfterMs !== undefined ? { retryAfterMs: original.retryAfterMs } : {}),
        },
      };
    }
    if (isIdempotencyConflictError(original)) return { ...base, message: errorMessages.IDEMPOTENCY_CONFLICT, extensions: { code: 'IDEMPOTENCY_CONFLICT' } };
    if (original instanceof ArgumentValidationError) {
      const messages = original.extensions.validationErrors.flatMap((v) => Object.values(v.constraints ?? {}));
      return { ...base, message: messages.length > 0 ? messages.join(' ') : errorMessages.BAD_USER_INPUT, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR')
      return { ...base, message: formatted.message, extensions: { code, ...pick(formatted.extensions, ['system', 'field', 'fields', 'reason']) } };
    if (typeof code === 'string' && requestCodes.has(code)) return formatted;
    log.error({ err: original }, 'unexpected error in resolver');
    return exposeDetails ? formatted : { ...base, message: errorMessages.INTERNAL_SERVER_ERROR, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

function pick(source: Readonly<Record<string, unknown>> | undefined, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source?.[key] !== undefined) out[key] = source[key];
  return out;
}
