import { z } from 'zod';
import { envInt } from '../../../lib/config/index.js';

/**
 * The scaled mode of a ministry subgraph: with `DATABASE_URL`, its outbox and last-known values live in PostgreSQL,
 * shared by every replica; without it, the embedded SQLite outbox and in-process LRU, as always.
 */
export const ministryDatabaseEnvSchema = z.object({
  /** `postgres://user:password@host:port/database`; its format is checked apart, so that the password is never printed. */
  DATABASE_URL: z.string().min(1, 'must not be empty').optional(),
  /** Connections to PostgreSQL at most, per process (the outbox's forwarder and accept path, last-known values). */
  DATABASE_POOL_MAX: envInt(10, 1, 1_000),
});

export interface MinistryDatabaseConfig {
  readonly url: string;
  readonly poolMax: number;
}

/**
 * Null without `DATABASE_URL`. Problems are returned, not thrown, to be reported with the others; none of them
 * shows the URL, which may carry a password.
 */
export function ministryDatabaseConfig(env: Readonly<Record<string, string | undefined>>, poolMax: number): { readonly value: MinistryDatabaseConfig | null; readonly problems: readonly string[] } {
  const url = env.DATABASE_URL;
  if (url === undefined || url === '') return { value: null, problems: [] };
  const problems: string[] = [];
  if (!isPostgresUrl(url)) problems.push('DATABASE_URL: expected postgres://user:password@host:port/database (value not shown: it may hold a password)');
  // Two homes for one outbox would strand what waits in the one not used.
  if (env.OUTBOX_PATH !== undefined) problems.push('OUTBOX_PATH: not allowed with DATABASE_URL (the outbox is then in PostgreSQL): unset one of them');
  return { value: problems.length === 0 ? { url, poolMax } : null, problems };
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
