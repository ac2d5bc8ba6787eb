import type { JWK } from 'jose';
import { migratePostgres, withTransaction, type PgPool } from '../../lib/postgres/index.js';
import { checkExtends } from './check-extends.js';
import { CheckpointConflictError, type CheckpointAlarm, type CheckpointStore, type WitnessedCheckpoint } from './checkpoint-store.js';
import { witnessPostgresComponent, witnessPostgresMigrations } from './postgres-checkpoint-migrations.js';

export interface PostgresCheckpointStoreOptions {
  /** The witness's own database (its `DATABASE_URL`), never the gateway's. */
  readonly pool: PgPool;
  /** End the pool on close. Default true. */
  readonly ownsPool?: boolean;
}

interface CheckpointRow {
  log: string;
  n: string;
  seq: string;
  hash: string;
  witnessed_at: string;
  kid: string;
  jws: string;
}

interface AlarmRow {
  log: string;
  at: string;
  kind: 'rollback' | 'fork';
  seq: string;
  hash: string;
  witnessed_seq: string;
  witnessed_hash: string;
  reason: string;
}

// bigint columns come back as strings (pg does not guess): seq and n stay below 2^53, as the checkpoint shape says.
const toCheckpoint = (row: CheckpointRow): WitnessedCheckpoint => ({
  log: row.log,
  n: Number(row.n),
  seq: Number(row.seq),
  hash: row.hash,
  witnessedAt: row.witnessed_at,
  kid: row.kid,
  jws: row.jws,
});
const toAlarm = (row: AlarmRow): CheckpointAlarm => ({
  log: row.log,
  at: row.at,
  kind: row.kind,
  seq: Number(row.seq),
  hash: row.hash,
  witnessedSeq: Number(row.witnessed_seq),
  witnessedHash: row.witnessed_hash,
  reason: row.reason,
});

/** PostgreSQL's code for a unique violation: another witness process appended the same n or seq first. */
const uniqueViolation = '23505';

/**
 * The witness's store in PostgreSQL, for a witness run as several replicas (or on a managed database): the same
 * contract as the SQLite store. An append checks and inserts in one transaction under a per-log advisory lock, so two
 * witness processes cannot both extend a log from the same point; the primary key catches anything else.
 * Migrations run before the first use.
 */
export function createPostgresCheckpointStore({ pool, ownsPool = true }: PostgresCheckpointStoreOptions): CheckpointStore & { migrate(): Promise<void> } {
  let migrated: Promise<unknown> | undefined;
  const migrate = async () => {
    await (migrated ??= migratePostgres(pool, witnessPostgresComponent, witnessPostgresMigrations).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    }));
  };
  const query = async <R extends object>(sql: string, values: unknown[] = []): Promise<R[]> => {
    await migrate();
    return (await pool.query<R>(sql, values)).rows;
  };
  return {
    migrate,
    async latest(log) {
      const [row] = await query<CheckpointRow>('SELECT * FROM witness_checkpoints WHERE log = $1 ORDER BY n DESC LIMIT 1', [log]);
      return row ? toCheckpoint(row) : undefined;
    },
    async list(log, { afterSeq, limit }) {
      return (await query<CheckpointRow>('SELECT * FROM witness_checkpoints WHERE log = $1 AND seq > $2 ORDER BY seq LIMIT $3', [log, afterSeq, limit])).map(toCheckpoint);
    },
    async append(checkpoint) {
      await migrate();
      try {
        await withTransaction(pool, async (client) => {
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`guichet-witness:${checkpoint.log}`]);
          const { rows } = await client.query<CheckpointRow>('SELECT * FROM witness_checkpoints WHERE log = $1 ORDER BY n DESC LIMIT 1', [checkpoint.log]);
          const problem = checkExtends(rows[0] ? toCheckpoint(rows[0]) : undefined, checkpoint);
          if (problem) throw new CheckpointConflictError(problem);
          await client.query('INSERT INTO witness_checkpoints (log, n, seq, hash, witnessed_at, kid, jws) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            checkpoint.log,
            checkpoint.n,
            checkpoint.seq,
            checkpoint.hash,
            checkpoint.witnessedAt,
            checkpoint.kid,
            checkpoint.jws,
          ]);
        });
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === uniqueViolation) throw new CheckpointConflictError(error.message);
        throw error;
      }
    },
    async recordAlarm(alarm) {
      await query('INSERT INTO witness_alarms (log, at, kind, seq, hash, witnessed_seq, witnessed_hash, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        alarm.log,
        alarm.at,
        alarm.kind,
        alarm.seq,
        alarm.hash,
        alarm.witnessedSeq,
        alarm.witnessedHash,
        alarm.reason,
      ]);
    },
    async alarms(log, { limit }) {
      return (await query<AlarmRow>('SELECT * FROM witness_alarms WHERE log = $1 ORDER BY id DESC LIMIT $2', [log, limit])).map(toAlarm);
    },
    async rememberKey({ kid, publicJwk }) {
      await query('INSERT INTO witness_signing_keys (kid, public_jwk) VALUES ($1, $2) ON CONFLICT (kid) DO NOTHING', [kid, JSON.stringify(publicJwk)]);
    },
    async publicKeys() {
      return (await query<{ kid: string; public_jwk: string }>('SELECT kid, public_jwk FROM witness_signing_keys ORDER BY added, kid')).map((row) => ({
        kid: row.kid,
        publicJwk: JSON.parse(row.public_jwk) as JWK,
      }));
    },
    async close() {
      if (ownsPool && !pool.ended) await pool.end();
    },
  };
}
