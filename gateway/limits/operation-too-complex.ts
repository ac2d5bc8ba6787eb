import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '../../schema/index.js';

/** Which limit an operation broke. */
export type LimitKind = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

const reasons: Readonly<Record<LimitKind, (max: number) => string>> = {
  depth: (max) => `trop de niveaux d’imbrication (au plus ${max})`,
  aliases: (max) => `trop d’alias (au plus ${max})`,
  tokens: (max) => `document trop long (au plus ${max} éléments lexicaux)`,
  directives: (max) => `trop de directives (au plus ${max})`,
  cost: (max) => `coût estimé trop élevé (au plus ${max}) ; demandez moins d’éléments par page ou moins de champs`,
};

/**
 * The one error every limit raises: `OPERATION_TOO_COMPLEX`, HTTP 400, a French message naming the limit and its
 * documented maximum, never what was measured nor any part of the document.
 */
export class OperationTooComplexError extends GraphQLError {
  override readonly name = 'OperationTooComplexError';
  constructor(
    readonly kind: LimitKind,
    readonly max: number,
  ) {
    super(`Requête trop complexe : ${reasons[kind](max)}.`, {
      extensions: { code: ErrorCode.OPERATION_TOO_COMPLEX, http: { status: 400, headers: new HeaderMap([['cache-control', 'no-store']]) } },
    });
  }
}
