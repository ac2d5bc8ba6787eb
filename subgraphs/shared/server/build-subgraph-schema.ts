import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type NonEmptyArray } from 'type-graphql';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import { applyAuthorization } from '../authorization/index.js';
import { validateArguments } from '../input/index.js';
import { ministryLegacyHealth } from '../legacy-health/index.js';

/** Federation version and directives every subgraph may use. */
const federationLink = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@authenticated", "@requiresScopes"])`;

export type ReferenceResolvers = Readonly<Record<string, { __resolveReference: (reference: never, context: never, info: never) => unknown }>>;

export interface SubgraphSchemaOptions {
  /** Resolver classes of this subgraph (type-graphql's own option type). */
  readonly resolvers: NonEmptyArray<Function>;
  /** Types not reachable from a resolver (stubs of other subgraphs' entities, interface implementations). */
  readonly orphanedTypes?: Function[];
  /** `__resolveReference` per entity type: plain functions typed by the key, batching through DataLoaders. */
  readonly referenceResolvers?: ReferenceResolvers;
  /**
   * A ministry subgraph names the legacy system it owns: its schema then carries that system's part of
   * `LegacySystemHealth` (see `ministryLegacyHealth`).
   */
  readonly legacySystem?: LegacySystem;
}

/**
 * The one way a subgraph schema is built: type-graphql classes → SDL printed with directives → Apollo subgraph
 * schema under the Federation 2 link, with type-graphql's resolvers and the reference resolvers merged, and the
 * access rules its SDL declares (`@authenticated`, `@requiresScopes`) enforced on every field.
 */
export async function buildFederatedSchema({ resolvers, orphanedTypes = [], referenceResolvers = {}, legacySystem }: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const health = legacySystem === undefined ? undefined : ministryLegacyHealth(legacySystem);
  if (health) referenceResolvers = { ...referenceResolvers, ...health.referenceResolvers };
  const options: BuildSchemaOptions = {
    resolvers,
    orphanedTypes: health ? [...orphanedTypes, health.type] : orphanedTypes,
    // Federation adds Query fields and allows schemas without a query of their own.
    skipCheck: true,
    // class-validator as type-graphql runs it, with each broken constraint's path in `extensions.fields`.
    validateFn: validateArguments,
  };
  const typeGraphQLSchema = await buildSchema(options);
  const typeDefs = parse(`${federationLink}\n${printSchemaWithDirectives(typeGraphQLSchema)}`);
  const resolverMap = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolver] of Object.entries(referenceResolvers)) {
    resolverMap[typeName] = { ...(resolverMap[typeName] as object), ...resolver } as GraphQLResolverMap<unknown>[string];
  }
  return applyAuthorization(buildSubgraphSchema({ typeDefs, resolvers: resolverMap }));
}
