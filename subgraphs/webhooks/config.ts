import { resolve } from 'node:path';
import { z } from 'zod';
import { dataPath } from '../../lib/files/index.js';
import { envInt, envSecret, envUrl, readConfig } from '../../lib/config/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';
import { parseTargetAllowEntry, splitTargetAllowList } from './delivery/index.js';

export const WEBHOOKS_DEFAULT_PORT = 4107;

/** The Standard Webhooks retry schedule (svix's): at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
const defaultRetryScheduleMs = '0,5000,300000,1800000,7200000,18000000,36000000,36000000';

const webhooksEnvSchema = z.object({
  /** SQLite file of the webhooks, deliveries and attempts, or `:memory:`. Default `.data/webhooks/webhooks.sqlite`. */
  WEBHOOKS_STORE_PATH: z.string().min(1, 'must not be empty').optional(),
  /** Scaled mode: the webhooks in this PostgreSQL, shared by every replica. Absent: SQLite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: envInt(10, 1, 1_000),
  /** The supervision subgraph's internal dossier-event stream (docs/events.md). Default: at SUBGRAPH_SUPERVISION_URL's origin. */
  DOSSIER_EVENTS_URL: envUrl().optional(),
  /** Where the supervision subgraph is (the gateway's variable): its stream is `/internal/dossier-events` there. */
  SUBGRAPH_SUPERVISION_URL: envUrl('http://127.0.0.1:4105/graphql'),
  /** No byte (event or heartbeat) on the event stream for this long: reconnect. Above the stream's heartbeat period. */
  WEBHOOKS_EVENTS_IDLE_TIMEOUT_MS: envInt(45_000, 100, 3_600_000),
  /**
   * Targets allowed although their addresses are private, loopback or link-local (comma- or space-separated host
   * names, `*.domain`, IP addresses or CIDR ranges; `http+` before one also allows plain http there): the SSRF guard
   * refuses every such address otherwise.
   */
  WEBHOOKS_ALLOWED_TARGETS: z
    .string()
    .default('')
    .transform((value, context) => {
      const entries = splitTargetAllowList(value);
      for (const entry of entries) {
        try {
          parseTargetAllowEntry(entry);
        } catch (error) {
          context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
          return z.NEVER;
        }
      }
      return entries;
    }),
  /**
   * Delay before each attempt, comma-separated milliseconds: the first is after the event (0: at once), each next one
   * after the previous failure; past the last, the delivery is given up (`FAILED`, replayable).
   */
  WEBHOOKS_RETRY_SCHEDULE_MS: z
    .string()
    .default(defaultRetryScheduleMs)
    .transform((value, context) => {
      const delays = value.split(',').map((part) => Number(part.trim()));
      if (delays.length === 0 || delays.some((delay) => !Number.isInteger(delay) || delay < 0 || delay > 7 * 86_400_000)) {
        context.addIssue({ code: 'custom', message: 'expected comma-separated whole milliseconds between 0 and 7 days (e.g. 0,5000,300000)' });
        return z.NEVER;
      }
      return delays;
    }),
  /** A webhook failing without a single success for this long (and at least WEBHOOKS_DISABLE_AFTER_FAILURES attempts) is disabled. Default 5 days. */
  WEBHOOKS_DISABLE_AFTER_MS: envInt(5 * 86_400_000, 0, 365 * 86_400_000),
  WEBHOOKS_DISABLE_AFTER_FAILURES: envInt(10, 1, 1_000_000),
  /** One attempt, connection to last byte. */
  WEBHOOKS_TIMEOUT_MS: envInt(15_000, 100, 120_000),
  /** Response bytes read (and discarded) from a receiver before the connection is cut. */
  WEBHOOKS_MAX_RESPONSE_BYTES: envInt(65_536, 0, 10_000_000),
  /** Attempts in flight at once, per replica. */
  WEBHOOKS_CONCURRENCY: envInt(8, 1, 1_000),
  /** How often a replica looks for due deliveries (a new delivery in the same process is tried at once). */
  WEBHOOKS_POLL_MS: envInt(1_000, 10, 600_000),
  /** How long a claimed delivery stays leased: a replica that dies mid-attempt leaves it to another after this. */
  WEBHOOKS_LEASE_MS: envInt(60_000, 1_000, 3_600_000),
  /** Webhooks one integrator may register. */
  WEBHOOKS_MAX_PER_OWNER: envInt(20, 1, 10_000),
  /** How long finished deliveries (and their attempts) stay in the delivery log. */
  WEBHOOKS_RETENTION_DAYS: envInt(30, 1, 3_650),
  /**
   * Key that seals the webhooks' signing secrets at rest (AES-256-GCM; any string, stretched with SHA-256). Several,
   * comma-separated: the first seals, all open (rotation).
   */
  WEBHOOKS_SECRET_KEY: envSecret('guichet-dev-webhooks-secret-key-not-for-production'),
});

export interface WebhooksConfig {
  readonly server: SubgraphEnv;
  /** Absolute path, or `:memory:` (when `database` is null). */
  readonly storePath: string;
  readonly database: { readonly url: string; readonly poolMax: number } | null;
  readonly eventsUrl: string;
  readonly eventsIdleTimeoutMs: number;
  readonly allowedTargets: readonly string[];
  readonly retryScheduleMs: readonly number[];
  readonly disableAfterMs: number;
  readonly disableAfterFailures: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly concurrency: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly maxPerOwner: number;
  readonly retentionMs: number;
  readonly secretKeys: readonly string[];
}

export function readWebhooksConfig(env: NodeJS.ProcessEnv): WebhooksConfig {
  const schema = subgraphEnvSchema(WEBHOOKS_DEFAULT_PORT, env.NODE_ENV).extend(webhooksEnvSchema.shape);
  const parsed = readConfig('subgraph-webhooks', schema, env);
  const path = parsed.WEBHOOKS_STORE_PATH;
  return {
    server: parsed,
    storePath: path === undefined ? defaultStorePath() : path === ':memory:' ? path : resolve(path),
    database: parsed.DATABASE_URL === undefined ? null : { url: parsed.DATABASE_URL, poolMax: parsed.DATABASE_POOL_MAX },
    eventsUrl: parsed.DOSSIER_EVENTS_URL ?? new URL('/internal/dossier-events', parsed.SUBGRAPH_SUPERVISION_URL).href,
    eventsIdleTimeoutMs: parsed.WEBHOOKS_EVENTS_IDLE_TIMEOUT_MS,
    allowedTargets: parsed.WEBHOOKS_ALLOWED_TARGETS,
    retryScheduleMs: parsed.WEBHOOKS_RETRY_SCHEDULE_MS,
    disableAfterMs: parsed.WEBHOOKS_DISABLE_AFTER_MS,
    disableAfterFailures: parsed.WEBHOOKS_DISABLE_AFTER_FAILURES,
    timeoutMs: parsed.WEBHOOKS_TIMEOUT_MS,
    maxResponseBytes: parsed.WEBHOOKS_MAX_RESPONSE_BYTES,
    concurrency: parsed.WEBHOOKS_CONCURRENCY,
    pollMs: parsed.WEBHOOKS_POLL_MS,
    leaseMs: parsed.WEBHOOKS_LEASE_MS,
    maxPerOwner: parsed.WEBHOOKS_MAX_PER_OWNER,
    retentionMs: parsed.WEBHOOKS_RETENTION_DAYS * 86_400_000,
    secretKeys: parsed.WEBHOOKS_SECRET_KEY.split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
  };
}

/** `.data/webhooks/webhooks.sqlite` under the package root, from source as from dist/. */
function defaultStorePath(): string {
  return dataPath('webhooks', 'webhooks.sqlite');
}
