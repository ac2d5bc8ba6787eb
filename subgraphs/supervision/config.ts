import { resolve } from 'node:path';
import { z } from 'zod';
import { dataPath } from '../../lib/files/index.js';
import { envBool, envInt, envRate, envUrl, readConfig } from '../../lib/config/index.js';
import { connectedMinistries } from '../../schema/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';
import type { SupervisionAlertThresholds } from './context.js';
import type { ConfiguredFeed, ConfiguredOutbox, FeedSource } from './ingestion/index.js';

export const SUPERVISION_DEFAULT_PORT = 4105;

const supervisionEnvSchema = z.object({
  /** Pause between two polls of one legacy system's change feed: how soon a change shows. */
  SUPERVISION_POLL_MS: envInt(2_000, 50, 3_600_000),
  /** How far before its cursor each poll reads again (RNEC's feed has minute precision; late commits). */
  SUPERVISION_FEED_OVERLAP_MS: envInt(60_000, 0, 86_400_000),
  /** One feed call, in place of <SYSTEM>_TIMEOUT_MS: an initial load is a whole system in one answer. */
  SUPERVISION_FEED_TIMEOUT_MS: envInt(60_000, 100, 600_000),
  /** Largest feed answer read, in place of <SYSTEM>_MAX_RESPONSE_BYTES: RNEC's initial load at SCALE 1 is 33 MB, and reading one takes about seven times its size in memory. */
  SUPERVISION_FEED_MAX_RESPONSE_BYTES: envInt(100_000_000, 1_024, 2_000_000_000),
  /** SQLite file of the read model (facts and cursors), or `:memory:`. Default `.data/supervision/read-model.sqlite`. */
  SUPERVISION_STORE_PATH: z.string().min(1, 'must not be empty').optional(),
  /** Scaled mode: the read model in this PostgreSQL, shared by every replica (one ingests, all serve). Absent: SQLite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: envInt(10, 1, 1_000),
  /** How long the ingesting leader's lease lasts without a renewal (renewed every third of it): a dead leader is replaced within about 4/3 of it. */
  SUPERVISION_LEADER_LEASE_MS: envInt(10_000, 300, 600_000),
  /** The internal dossier-event stream: a `: heartbeat` comment this often on every open stream. */
  DOSSIER_EVENTS_HEARTBEAT_MS: envInt(15_000, 10, 3_600_000),
  /** Concurrent dossier-event streams (the readers are gateway processes, one stream each). */
  DOSSIER_EVENTS_MAX_STREAMS: envInt(64, 1, 100_000),
  /** How long dossier events are kept (they hold the owner's NIU): a reader further behind gets a `reset`. */
  DOSSIER_EVENTS_RETENTION_HOURS: envInt(72, 1, 8_760),
  /** Bytes one stream may have queued unsent: past them, writing waits for the reader. */
  DOSSIER_EVENTS_MAX_BUFFER_BYTES: envInt(1_048_576, 1_024, 1_000_000_000),
  /** How long a stream's full buffer may wait for its reader before the reader is closed as too slow (it resumes by cursor). */
  DOSSIER_EVENTS_STALL_MS: envInt(30_000, 10, 3_600_000),
  /** How often an open stream's replica checks the log for events another replica (the leader) appended. */
  DOSSIER_EVENTS_POLL_MS: envInt(1_000, 10, 60_000),
  /** Read every ministry subgraph's outbox outcomes (SUBMISSION_DELIVERED / SUBMISSION_REJECTED events). */
  SUPERVISION_OUTBOX_OUTCOMES: envBool(true),
  /** One request for a ministry subgraph's outbox outcomes. */
  SUPERVISION_OUTBOX_TIMEOUT_MS: envInt(5_000, 100, 600_000),
  /** The aggregation floor: no group of fewer dossiers is shown or exported (k-anonymity of the room's figures). */
  SUPERVISION_MIN_GROUP_SIZE: envInt(5, 1, 1_000),
  /** A procedure is in alert when more than this share (0..1) of its dossiers went past their legal delay. */
  SUPERVISION_ALERT_BEYOND_DELAY_SHARE: envRate(0.25),
  /** A procedure is in alert when at least this many of its open dossiers are already past their legal delay. */
  SUPERVISION_ALERT_OVERDUE_BACKLOG: envInt(20, 1, 10_000_000),
});

/**
 * Where each ministry subgraph is, to read its outbox outcomes: `SUBGRAPH_<NAME>_URL` (the gateway's variable, e.g.
 * `SUBGRAPH_ELECTRICITY_URL`), else the registry's port on 127.0.0.1 (what `npm start` binds).
 */
const subgraphUrlShape = Object.fromEntries(connectedMinistries.map(({ subgraph }) => [subgraphUrlVariable(subgraph.name), envUrl(`http://127.0.0.1:${subgraph.port}/graphql`)])) as Record<
  string,
  ReturnType<typeof envUrl>
>;

/** `building-permits` → `SUBGRAPH_BUILDING_PERMITS_URL`, as the gateway names them. */
function subgraphUrlVariable(name: string): string {
  return `SUBGRAPH_${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_URL`;
}

export interface SupervisionConfig {
  readonly server: SubgraphEnv;
  /** Every ministry's change feed (ingestion/feed-sources.ts), configured from the ministry adapters' variables. */
  readonly feeds: readonly ConfiguredFeed[];
  readonly pollIntervalMs: number;
  readonly overlapMs: number;
  /** Absolute path, or `:memory:` (the SQLite read model, when `database` is null). */
  readonly storePath: string;
  /** Scaled mode (`DATABASE_URL`): the shared PostgreSQL read model and the leader's election; null: SQLite. */
  readonly database: SupervisionDatabaseConfig | null;
  readonly events: DossierEventsConfig;
  /** Every ministry subgraph's outbox, read for its outcomes (empty when `SUPERVISION_OUTBOX_OUTCOMES` is false). */
  readonly outboxes: readonly ConfiguredOutbox[];
  readonly outboxTimeoutMs: number;
  /** SUPERVISION_MIN_GROUP_SIZE */
  readonly minGroupSize: number;
  readonly alertThresholds: SupervisionAlertThresholds;
}

export interface DossierEventsConfig {
  readonly heartbeatMs: number;
  readonly maxStreams: number;
  readonly retentionMs: number;
  readonly maxBufferedBytes: number;
  readonly stallMs: number;
  readonly pollMs: number;
}

export interface SupervisionDatabaseConfig {
  readonly url: string;
  readonly poolMax: number;
  readonly leaseMs: number;
}

/**
 * The subgraph's configuration, with every ministry adapter's variables merged in from the feed sources
 * (`loadFeedSources()`: one per connected ministry of the registry, loaded before, since adapters load by name).
 */
export function readSupervisionConfig(env: NodeJS.ProcessEnv, feedSources: readonly FeedSource[]): SupervisionConfig {
  const adapterShapes = Object.assign({}, ...feedSources.map((source) => source.envSchema.shape)) as Record<string, z.ZodType>;
  const schema = subgraphEnvSchema(SUPERVISION_DEFAULT_PORT, env.NODE_ENV).extend({ ...adapterShapes, ...subgraphUrlShape, ...supervisionEnvSchema.shape });
  const parsed = readConfig('subgraph-supervision', schema, env);
  const feed = { timeoutMs: parsed.SUPERVISION_FEED_TIMEOUT_MS, maxResponseBytes: parsed.SUPERVISION_FEED_MAX_RESPONSE_BYTES };
  const path = parsed.SUPERVISION_STORE_PATH;
  return {
    server: parsed,
    feeds: feedSources.map((source) => source.configure(parsed, feed)),
    pollIntervalMs: parsed.SUPERVISION_POLL_MS,
    overlapMs: parsed.SUPERVISION_FEED_OVERLAP_MS,
    storePath: path === undefined ? defaultStorePath() : path === ':memory:' ? path : resolve(path),
    database: parsed.DATABASE_URL === undefined ? null : { url: parsed.DATABASE_URL, poolMax: parsed.DATABASE_POOL_MAX, leaseMs: parsed.SUPERVISION_LEADER_LEASE_MS },
    events: {
      heartbeatMs: parsed.DOSSIER_EVENTS_HEARTBEAT_MS,
      maxStreams: parsed.DOSSIER_EVENTS_MAX_STREAMS,
      retentionMs: parsed.DOSSIER_EVENTS_RETENTION_HOURS * 3_600_000,
      maxBufferedBytes: parsed.DOSSIER_EVENTS_MAX_BUFFER_BYTES,
      stallMs: parsed.DOSSIER_EVENTS_STALL_MS,
      pollMs: parsed.DOSSIER_EVENTS_POLL_MS,
    },
    outboxes: parsed.SUPERVISION_OUTBOX_OUTCOMES
      ? connectedMinistries.map(({ code, subgraph }) => ({ ministry: code, subgraphUrl: String((parsed as Record<string, unknown>)[subgraphUrlVariable(subgraph.name)]) }))
      : [],
    outboxTimeoutMs: parsed.SUPERVISION_OUTBOX_TIMEOUT_MS,
    minGroupSize: parsed.SUPERVISION_MIN_GROUP_SIZE,
    alertThresholds: { beyondLegalDelayShare: parsed.SUPERVISION_ALERT_BEYOND_DELAY_SHARE, overdueBacklog: parsed.SUPERVISION_ALERT_OVERDUE_BACKLOG },
  };
}

/** `.data/supervision/read-model.sqlite` under the package root, from source as from dist/. */
function defaultStorePath(): string {
  return dataPath('supervision', 'read-model.sqlite');
}
