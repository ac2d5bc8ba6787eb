import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { AccessRecorder } from './access-recorder.js';

/** The response extension carrying a subgraph's access report to the gateway (which removes it). */
export const accessExtensionKey = 'guichetAccess';

/** What the plugin needs from a subgraph context. */
export interface AccessReportingContext extends BaseContext {
  readonly access: AccessRecorder;
}

/**
 * Subgraph plugin: adds what the request's `AccessRecorder` collected to the response as
 * `extensions.guichetAccess: [{ niu, system, action }]`, for the gateway to audit. Only the gateway can call a
 * subgraph, and it strips the extension, so a NIU travels here and nowhere further.
 */
export function accessReportPlugin<C extends AccessReportingContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const entries = contextValue.access.entries();
          if (entries.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [accessExtensionKey]: entries };
        },
      };
    },
  };
}
