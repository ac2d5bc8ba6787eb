import { z } from 'zod';
import { ConfigError, readConfig } from '../../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../../outbox/index.js';
import { ministryOfSubgraph, type ConnectedMinistry } from '../../../schema/index.js';
import { freshnessConfigFromEnv, freshnessConfigProblems, freshnessEnvSchema, type FreshnessConfig } from '../freshness/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../server/subgraph-env.js';
import { listingSealConfigFromEnv, listingSealEnvSchema, type ListingSealConfig } from '../listing-seal/index.js';
import { ministryDatabaseConfig, ministryDatabaseEnvSchema, type MinistryDatabaseConfig } from './ministry-database-config.js';

/** What a ministry's subgraph reads at start-up: its server, its adapter's options, its outbox, its own variables. */
export interface MinistrySubgraphConfig<O, X = undefined> {
  readonly server: SubgraphEnv;
  readonly adapter: O;
  /** Where applications the ministry could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
  /** PostgreSQL for the outbox and last-known values (DATABASE_URL); null: the embedded stores. */
  readonly database: MinistryDatabaseConfig | null;
  /** Status polls answered from the change feeds (DOSSIER_FRESHNESS_*); null: off. */
  readonly freshness: FreshnessConfig | null;
  /** Citizens' lists sealed for the page's entity fetches (DOSSIER_LISTING_SEAL_MAX). */
  readonly listingSeal: ListingSealConfig;
  readonly own: X;
}

/** The parts of a ministry subgraph's definition its configuration comes from. */
export interface MinistryEnv<S extends z.ZodObject, O, X> {
  /** The registry row's subgraph name: the default port and the outbox file's name. */
  readonly name: string;
  readonly adapter: { readonly envSchema: S; readonly optionsFromEnv: (env: z.output<S>) => O };
  readonly ownEnv?: { readonly schema: z.ZodObject; readonly read: (env: Readonly<Record<string, unknown>>) => X };
}

/** The registry row of a ministry subgraph; a name the registry lacks is a programming error, said at start-up. */
export function registryRowOf(name: string): ConnectedMinistry {
  const row = ministryOfSubgraph(name);
  if (!row) throw new Error(`subgraph ${name} has no row in schema/ministries.ts`);
  return row;
}

/**
 * Validates the subgraph's whole environment at once (every bad value named in one ConfigError, `subgraph-<name>`),
 * then reads each part with its own schema, so each keeps its own type.
 */
export function readMinistrySubgraphConfig<S extends z.ZodObject, O, X = undefined>(definition: MinistryEnv<S, O, X>, env: NodeJS.ProcessEnv): MinistrySubgraphConfig<O, X> {
  const { name, adapter, ownEnv } = definition;
  const serverSchema = subgraphEnvSchema(registryRowOf(name).subgraph.port, env.NODE_ENV);
  const ownSchema = ownEnv?.schema ?? z.object({});
  const service = `subgraph-${name}`;
  readConfig(
    service,
    serverSchema.extend({ ...adapter.envSchema.shape, ...outboxEnvSchema.shape, ...ministryDatabaseEnvSchema.shape, ...freshnessEnvSchema.shape, ...listingSealEnvSchema.shape, ...ownSchema.shape }),
    env,
  );
  const database = ministryDatabaseConfig(env, ministryDatabaseEnvSchema.parse(env).DATABASE_POOL_MAX);
  const freshness = freshnessEnvSchema.parse(env);
  const problems = [...database.problems, ...freshnessConfigProblems(freshness)];
  if (problems.length > 0) throw new ConfigError(service, problems);
  return {
    server: serverSchema.parse(env),
    adapter: adapter.optionsFromEnv(adapter.envSchema.parse(env)),
    outbox: outboxConfigFromEnv(outboxEnvSchema.parse(env), name),
    database: database.value,
    freshness: freshnessConfigFromEnv(freshness),
    listingSeal: listingSealConfigFromEnv(listingSealEnvSchema.parse(env)),
    // Without own variables X is `undefined` (its default): nothing else can be read here.
    own: (ownEnv ? ownEnv.read(ownSchema.parse(env)) : undefined) as X,
  };
}
