import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/index.js';

/**
 * `BAD_REQUEST`, HTTP 400: the request's `variables` (or `extensions`) nest deeper than LIMIT_MAX_VARIABLES_DEPTH. A
 * malformed request, not a complex operation: the document may be fine, the values around it are not.
 */
export class VariablesTooDeepError extends GraphQLError {
  override readonly name = 'VariablesTooDeepError';
  constructor(readonly maxDepth: number) {
    super(`Malformed request: variables nested too deeply (at most ${maxDepth} levels).`, {
      extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400, headers: new HeaderMap([['cache-control', 'no-store']]) } },
    });
  }
}
