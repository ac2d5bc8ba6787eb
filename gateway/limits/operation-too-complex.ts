import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '../../schema/index.js';

/** Which limit an operation broke. */
export type LimitKind = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

const reasons: Readonly<Record<LimitKind, (max: number) => string>> = {
  depth: (max) => `nested too deeply (at most ${max} levels)`,
  aliases: (max) => `too many aliases (at most ${max})`,
  tokens: (max) => `document too long (at most ${max} tokens)`,
  directives: (max) => `too many directives (at most ${max})`,
  cost: (max) => `estimated cost too high (at most ${max}); ask for fewer items per page or fewer fields`,
};

/**
 * The one error every limit raises: `OPERATION_TOO_COMPLEX`, HTTP 400, an English message (a protocol error: the
 * client's developer fixes it) naming the limit and its
 * documented maximum, never what was measured nor any part of the document.
 */
export class OperationTooComplexError extends GraphQLError {
  override readonly name = 'OperationTooComplexError';
  constructor(
    readonly kind: LimitKind,
    readonly max: number,
  ) {
    super(`Operation too complex: ${reasons[kind](max)}.`, {
      extensions: { code: ErrorCode.OPERATION_TOO_COMPLEX, http: { status: 400, headers: new HeaderMap([['cache-control', 'no-store']]) } },
    });
  }
}
