import { z } from 'zod';
import { envInt } from '../../lib/config/index.js';

/**
 * Operation limits, checked before any subgraph is called. Defaults measured on the shipped documents
 * (clients/operations): deepest is 5 (CitizenDashboard, MyDashboard), costliest 2,690 (MyDashboard; CitizenDashboard
 * 2,609), longest 82 tokens, no aliases, no directives.
 */
export interface OperationLimits {
  /** Deepest selection nesting; an inline fragment or spread counts as one level (graphql-armor). Default 10. */
  readonly maxDepth: number;
  /** Aliased fields per operation (`__typename` aliases are free). Default 15. */
  readonly maxAliases: number;
  /** Lexical tokens in the document (checked before parsing). Default 2000. */
  readonly maxTokens: number;
  /** Directives per operation. Default 20. */
  readonly maxDirectives: number;
  /**
   * graphql-armor's cost: scalar 1, object 2, each nesting level ×1.5, a literal `first:`/`last:` multiplies its
   * subtree. Default 5000 (the full dashboard selection fits up to `first: 38`).
   */
  readonly maxCost: number;
  /**
   * Deepest nesting of the request's `variables` (and `extensions`), the variables object counted as 1. Default 32:
   * Guichet's schema needs 2 (an input object; checked at start-up against the supergraph), so room for any growth of
   * the inputs, and far below where a recursive walker overflows (thousands).
   */
  readonly maxVariablesDepth: number;
}

export const defaultOperationLimits: OperationLimits = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 20, maxCost: 5000, maxVariablesDepth: 32 };

export const limitsEnvSchema = z.object({
  LIMIT_MAX_DEPTH: envInt(defaultOperationLimits.maxDepth, 1),
  LIMIT_MAX_ALIASES: envInt(defaultOperationLimits.maxAliases, 0),
  LIMIT_MAX_TOKENS: envInt(defaultOperationLimits.maxTokens, 1),
  LIMIT_MAX_DIRECTIVES: envInt(defaultOperationLimits.maxDirectives, 0),
  LIMIT_MAX_COST: envInt(defaultOperationLimits.maxCost, 1),
  LIMIT_MAX_VARIABLES_DEPTH: envInt(defaultOperationLimits.maxVariablesDepth, 1, 1_000),
});

export type LimitsEnv = z.infer<typeof limitsEnvSchema>;

/** The validated `LIMIT_*` variables as options. */
export function operationLimitsFromEnv(env: LimitsEnv): OperationLimits {
  return {
    maxDepth: env.LIMIT_MAX_DEPTH,
    maxAliases: env.LIMIT_MAX_ALIASES,
    maxTokens: env.LIMIT_MAX_TOKENS,
    maxDirectives: env.LIMIT_MAX_DIRECTIVES,
    maxCost: env.LIMIT_MAX_COST,
    maxVariablesDepth: env.LIMIT_MAX_VARIABLES_DEPTH,
  };
}
