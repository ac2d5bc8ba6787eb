import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { createHttpCachePlugin } from './http-cache-plugin.js';
import type { PrincipalContext } from './principal-context.js';
import type { TrustedDocumentsOptions } from './trusted-documents-config.js';
import { createTrustedDocumentsPlugin } from './trusted-documents-plugin.js';

export interface TrustedDocumentsPluginsOptions extends TrustedDocumentsOptions {
  /** Root query fields answering public data: `publicRootFieldsOf(supergraphSdl)`. */
  readonly publicRootFields: readonly string[];
}

/**
 * Trusted documents (unless `off`) and the HTTP caching headers that make GET by id worth it. Apollo's own
 * cache-control header calculation is switched off: one author for `Cache-Control`. Also set ApolloServer's
 * `persistedQueries: false` (Apollo's APQ cache would let clients register documents).
 */
export function createTrustedDocumentsPlugins({ mode, documents, openClients, publicMaxAgeSeconds, publicRootFields }: TrustedDocumentsPluginsOptions): ApolloServerPlugin<PrincipalContext>[] {
  const plugins: ApolloServerPlugin<PrincipalContext>[] = [ApolloServerPluginCacheControl({ calculateHttpHeaders: false }), createHttpCachePlugin({ publicRootFields, publicMaxAgeSeconds })];
  if (mode !== 'off') plugins.unshift(createTrustedDocumentsPlugin({ mode, documents, openClients }));
  return plugins;
}
