import type { z } from 'zod';
import { readConfig } from '../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../outbox/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from './subgraph-env.js';

/** What a ministry's subgraph reads at start-up: its server, its adapter's options, its outbox. */
export interface MinistrySubgraphConfig<O> {
  readonly server: SubgraphEnv;
  readonly adapter: O;
  /** Where applications the ministry could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

/** The adapter's own env fragment and reader (`minesAdapterEnvSchema`, `minesAdapterOptionsFromEnv`). */
export interface AdapterEnv<S extends z.ZodObject, O> {
  readonly envSchema: S;
  readonly optionsFromEnv: (env: z.output<S>) => O;
}

/**
 * Validates the subgraph's whole environment at once (every bad value named in one ConfigError, `subgraph-<name>`),
 * then reads each part with its own schema, so each keeps its own type.
 */
export function readMinistrySubgraphConfig<S extends z.ZodObject, O>(env: NodeJS.ProcessEnv, name: string, defaultPort: number, adapter: AdapterEnv<S, O>): MinistrySubgraphConfig<O> {
  const serverSchema = subgraphEnvSchema(defaultPort, env.NODE_ENV);
  readConfig(`subgraph-${name}`, serverSchema.extend({ ...adapter.envSchema.shape, ...outboxEnvSchema.shape }), env);
  return {
    server: serverSchema.parse(env),
    adapter: adapter.optionsFromEnv(adapter.envSchema.parse(env)),
    outbox: outboxConfigFromEnv(outboxEnvSchema.parse(env), name),
  };
}
