import type { ApolloServerPlugin } from '@apollo/server';
import { validate, type DocumentNode, type ValidationRule } from 'graphql';
import { OperationTooComplexError, type LimitKind } from './operation-too-complex.js';

/** When several limits are broken, the one named is the most telling: a depth bomb is also a cost bomb. */
const precedence: readonly LimitKind[] = ['depth', 'aliases', 'directives', 'cost', 'tokens'];

type Verdict = Pick<OperationTooComplexError, 'kind' | 'max'> | null;

/**
 * Runs the limit rules once the operation is resolved and throws `OPERATION_TOO_COMPLEX`. Not as Apollo
 * `validationRules`: Apollo wraps every validation error in its own and overwrites `extensions.code` with
 * GRAPHQL_VALIDATION_FAILED; an error thrown from `didResolveOperation` keeps its code and HTTP status and still
 * goes through `didEncounterErrors`/`willSendResponse`. Apollo reuses the parsed document of a known query, so the
 * verdict is kept per document: the rules run once per distinct document.
 */
export function createLimitsPlugin(rules: readonly ValidationRule[]): ApolloServerPlugin {
  const verdicts = new WeakMap<DocumentNode, Verdict>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document }) {
          let verdict = verdicts.get(document);
          if (verdict === undefined) {
            const broken = validate(schema, document, rules)
              .filter((error) => error instanceof OperationTooComplexError)
              .sort((a, b) => precedence.indexOf(a.kind) - precedence.indexOf(b.kind))[0];
            verdict = broken ? { kind: broken.kind, max: broken.max } : null;
            verdicts.set(document, verdict);
          }
          // A fresh error per request: later hooks may annotate it.
          if (verdict) throw new OperationTooComplexError(verdict.kind, verdict.max);
        },
      };
    },
  };
}
