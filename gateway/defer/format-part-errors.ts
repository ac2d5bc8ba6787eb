import type { GraphQLError, GraphQLFormattedError } from 'graphql';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Formats the errors of a payload sent before Apollo Server sees the answer, the way Apollo Server formats those of a
 * whole one: `extensions.code` defaults to `INTERNAL_SERVER_ERROR`, `extensions.http` (a status for Apollo Server)
 * is dropped, the stack trace is added when allowed, then the server's own `formatError`.
 */
export function createPartErrorFormatter(formatError: FormatError, includeStacktrace: boolean): (errors: readonly GraphQLError[]) => GraphQLFormattedError[] {
  return (errors) =>
    errors.map((error) => {
      const { http: _http, ...extensions } = error.extensions ?? {};
      const formatted = error.toJSON();
      return formatError(
        {
          ...formatted,
          extensions: { ...extensions, code: extensions.code ?? 'INTERNAL_SERVER_ERROR', ...(includeStacktrace && error.stack ? { stacktrace: error.stack.split('\n') } : {}) },
        },
        error,
      );
    });
}
