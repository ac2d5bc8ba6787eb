import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Principal } from '../../auth/index.js';
import { observationOf } from './request-observation.js';

/**
 * Gateway plugin feeding the request's observation: who called (the principal; only its client id, role and ministry
 * reach the record), which operation, and the response (read once the request is over, so that a later plugin's
 * verdict — the audit's 503 — is the one recorded).
 */
export function createRequestRecordPlugins<C extends BaseContext & { readonly principal: Principal }>(): ApolloServerPlugin<C>[] {
  const plugin: ApolloServerPlugin<C> = {
    async requestDidStart({ contextValue, request }) {
      const observation = observationOf(contextValue);
      if (observation === undefined) return;
      observation.principal = contextValue.principal;
      observation.operationName = request.operationName ?? null;
      return {
        async didResolveOperation({ operationName, operation }) {
          observation.operationName = operationName ?? observation.operationName;
          observation.operationType = operation?.operation ?? null;
        },
        async willSendResponse({ response }) {
          observation.response = response;
        },
      };
    },
  };
  return [plugin];
}
