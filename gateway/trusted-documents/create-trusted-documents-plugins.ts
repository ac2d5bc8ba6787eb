import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { createHttpCachePlugin } from './http-cache-plugin.js';
import type { PrincipalContext } from './principal-context.js';
import type { TrustedDocumentsOptions } from './trusted-documents-config.js';
import { createTrustedDocumentsPlugin } from './trusted-documents-plugin.js';

export interface TrustedDocumentsPlugins {
  /** Add to ApolloServer's `plugins`; also set `persistedQueries: false` (Apollo's APQ cache would let clients register documents). */
  readonly plugins: ApolloServerPlugin<PrincipalContext>[];
}

/**
 * Trusted documents (unless `off`) and the HTTP caching headers that make GET by id worth it. `publicRootFields`:
 * `publicRootFieldsOf(supergraphSdl)`. Apollo's own cache-control header calculation is switched off: one author
 * for `Cache-Control`.
 */
export function createTrustedDocumentsPlugins(options: TrustedDocumentsOptions, publicRootFields: readonly string[]): TrustedDocumentsPlugins {
  const plugins: ApolloServerPlugin<PrincipalContext>[] = [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    createHttpCachePlugin({ publicRootFields, publicMaxAgeSeconds: options.publicMaxAgeSeconds }),
  ];
  if (options.mode !== 'off') plugins.unshift(createTrustedDocumentsPlugin({ mode: options.mode, documents: options.documents, openClients: options.openClients }));
  return { plugins };
}
