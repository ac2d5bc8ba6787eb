import type { ApolloServerPlugin } from '@apollo/server';
import { exceedsJsonDepth } from './json-depth.js';
import type { OperationLimits } from './operation-limits.js';
import { VariablesTooDeepError } from './variables-too-deep.js';

/**
 * Refuses a request whose `variables` or `extensions` nest deeper than `maxDepth` (see exceedsJsonDepth), in
 * `requestDidStart`: before any other hook walks them — the response cache's key (JSON.stringify), the subgraph
 * fetches' canonical keys, graphql-js's coercion —, whatever brought them (POST body, GET query string, a trusted
 * document's id). JSON.parse itself is iterative in V8: a deep body reaches this hook intact. Put it first among the
 * plugins. As for the other early refusals, Apollo would answer a bare 500 to an error thrown this early unless
 * `unexpectedErrorProcessingRequest` throws it back (see token-limit-plugin.ts).
 */
export function createVariablesDepthPlugins({ maxVariablesDepth }: Pick<OperationLimits, 'maxVariablesDepth'>): ApolloServerPlugin[] {
  const plugin: ApolloServerPlugin = {
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof VariablesTooDeepError) throw error;
    },
    async requestDidStart({ request }) {
      if (exceedsJsonDepth(request.variables, maxVariablesDepth) || exceedsJsonDepth(request.extensions, maxVariablesDepth)) throw new VariablesTooDeepError(maxVariablesDepth);
    },
  };
  return [plugin];
}
