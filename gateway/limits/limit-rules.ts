import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationContext, ValidationRule } from 'graphql';
import type { OperationLimits } from './operation-limits.js';
import { OperationTooComplexError, type LimitKind } from './operation-too-complex.js';

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;

/** Reports our own error to the validation context instead of armor's English one (which names what it found). */
function rejectWith(kind: LimitKind, max: number) {
  return {
    n: max,
    exposeLimits: false,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(new OperationTooComplexError(kind, max))],
  };
}

/**
 * graphql-armor's depth, alias, directive and cost rules, configured to report `OperationTooComplexError`. Armor's
 * token limit and field-suggestion masking are left out: see token-limit-plugin.ts and hide-suggestions-plugin.ts.
 */
export function createLimitRules(limits: OperationLimits): ValidationRule[] {
  const { n: maxCost, ...cost } = rejectWith('cost', limits.maxCost);
  const config: ArmorConfig = {
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: rejectWith('depth', limits.maxDepth),
    maxAliases: rejectWith('aliases', limits.maxAliases),
    maxDirectives: rejectWith('directives', limits.maxDirectives),
    costLimit: { ...cost, maxCost },
  };
  return new ApolloArmor(config).protect().validationRules;
}
