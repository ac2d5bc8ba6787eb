import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { envInt } from '../../lib/config/index.js';

export const requestRecordsEnvSchema = z.object({
  /** SQLite file of the operational records; default `operations/operations.sqlite` beside the audit folder. */
  OPERATIONS_PATH: z.string().min(1, 'must not be empty').optional(),
  /** How long records are kept, in hours; 0 = no records. */
  OPERATIONS_RETENTION_HOURS: envInt(24, 0, 24 * 366),
  /** How often records past retention are deleted, in seconds. */
  OPERATIONS_PRUNE_EVERY_S: envInt(300, 1, 86_400),
  /** The gateway's PostgreSQL (scaled mode): the records go there, shared by every replica, instead of SQLite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// URL')
    .optional(),
});

export interface RequestRecordsConfig {
  /** undefined: records off (OPERATIONS_RETENTION_HOURS=0). */
  readonly path: string | undefined;
  readonly retentionMs: number;
  readonly pruneEveryMs: number;
  /** When set (DATABASE_URL), the records go to PostgreSQL and `path` is unused. */
  readonly databaseUrl?: string;
}

/** `auditLogPath` places the default store: `.data/audit/audit.jsonl` → `.data/operations/operations.sqlite`. */
export function requestRecordsConfigFromEnv(env: z.infer<typeof requestRecordsEnvSchema>, auditLogPath: string): RequestRecordsConfig {
  const retentionMs = env.OPERATIONS_RETENTION_HOURS * 3_600_000;
  const pruneEveryMs = env.OPERATIONS_PRUNE_EVERY_S * 1_000;
  if (retentionMs === 0) return { path: undefined, retentionMs, pruneEveryMs };
  const path = env.OPERATIONS_PATH === undefined ? join(dirname(dirname(auditLogPath)), 'operations', 'operations.sqlite') : resolve(env.OPERATIONS_PATH);
  return { path, retentionMs, pruneEveryMs, ...(env.DATABASE_URL === undefined ? {} : { databaseUrl: env.DATABASE_URL }) };
}
