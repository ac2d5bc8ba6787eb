import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { buildFederatedSchema, type ReferenceResolvers } from '../server/build-subgraph-schema.js';
import { type DossierKey, dossierView, referenceOfKey } from '../dossier/index.js';
import type { MinistryContext } from './ministry-context.js';
import type { MinistryRecord } from './ministry-subgraph.js';
import { registryRowOf } from './read-ministry-subgraph-config.js';

export interface MinistrySchemaOptions<R extends MinistryRecord> {
  /** Resolver classes of the subgraph (type-graphql's own option type). */
  readonly resolvers: NonEmptyArray<Function>;
  /** How a record is shown (default `dossierView`). */
  readonly view?: (record: R) => object;
  /** Entities the subgraph resolves beyond its dossier type (civil-registry: Citizen), and their types. */
  readonly referenceResolvers?: ReferenceResolvers;
  readonly orphanedTypes?: Function[];
}

/**
 * A ministry subgraph's schema: its resolvers, its system's part of `LegacySystemHealth`, and the `_entities` lookup
 * of its dossier type (named by the registry row) batched through the request's loader.
 */
export function buildMinistrySchema<R extends MinistryRecord>(
  name: string,
  { resolvers, view = dossierView, referenceResolvers = {}, orphanedTypes = [] }: MinistrySchemaOptions<R>,
): Promise<GraphQLSchema> {
  const row = registryRowOf(name);
  return buildFederatedSchema({
    resolvers,
    orphanedTypes,
    legacySystem: row.system.code,
    referenceResolvers: {
      ...referenceResolvers,
      [row.subgraph.dossierType]: {
        // By `lookup`, a sealed listing of the same request opens without a legacy read (see DossierLoaders.byLookup).
        __resolveReference: async (key: DossierKey, ctx: MinistryContext<R, unknown, object>) =>
          view('lookup' in key ? await ctx.dossiers.byLookup(key.lookup) : await ctx.dossiers.byReference.load(referenceOfKey(key))),
      },
    },
  });
}
