import type { ApolloServerPlugin } from '@apollo/server';
import { createHideSuggestionsPlugin } from './hide-suggestions-plugin.js';
import { createLimitRules } from './limit-rules.js';
import { createLimitsPlugin } from './limits-plugin.js';
import type { OperationLimits } from './operation-limits.js';
import { createTokenLimitPlugin } from './token-limit-plugin.js';

export interface LimitPluginsOptions {
  readonly limits: OperationLimits;
  /** In production, field suggestions are removed from error messages. */
  readonly nodeEnv: 'development' | 'production' | 'test';
}

/**
 * Operation limits for Apollo Server: tokens (before parsing), then depth, aliases, directives and cost (graphql-armor
 * rules, once the operation is resolved), each refused with `OPERATION_TOO_COMPLEX`; in production, field
 * suggestions are removed from every error message.
 */
export function createLimitPlugins({ limits, nodeEnv }: LimitPluginsOptions): ApolloServerPlugin[] {
  // No `validationRules`: see limits-plugin.ts for why the rules run in a hook.
  const plugins = [createTokenLimitPlugin(limits.maxTokens), createLimitsPlugin(createLimitRules(limits))];
  if (nodeEnv === 'production') plugins.push(createHideSuggestionsPlugin());
  return plugins;
}
