import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { JWK } from 'jose';
import { checkExtends } from './check-extends.js';
import { CheckpointConflictError, type CheckpointAlarm, type CheckpointStore, type WitnessedCheckpoint } from './checkpoint-store.js';
import { migrate, schemaVersion } from './sqlite-checkpoint-migrations.js';

export { schemaVersion as sqliteCheckpointSchemaVersion };

export interface SqliteCheckpointStoreOptions {
  /** The database file (parent directories are created, 0700), or `:memory:`. */
  readonly path: string;
  /** How long a write waits for another process's lock. Default 5000. */
  readonly busyTimeoutMs?: number;
}

interface CheckpointRow {
  log: string;
  n: number;
  seq: number;
  hash: string;
  witnessed_at: string;
  kid: string;
  jws: string;
}

interface AlarmRow {
  log: string;
  at: string;
  kind: 'rollback' | 'fork';
  seq: number;
  hash: string;
  witnessed_seq: number;
  witnessed_hash: string;
  reason: string;
}

const toCheckpoint = (row: CheckpointRow): WitnessedCheckpoint => ({ log: row.log, n: row.n, seq: row.seq, hash: row.hash, witnessedAt: row.witnessed_at, kid: row.kid, jws: row.jws });
const toAlarm = (row: AlarmRow): CheckpointAlarm => ({
  log: row.log,
  at: row.at,
  kind: row.kind,
  seq: row.seq,
  hash: row.hash,
  witnessedSeq: row.witnessed_seq,
  witnessedHash: row.witnessed_hash,
  reason: row.reason,
});

/**
 * The witness's default store: one SQLite file in its own directory, WAL with `synchronous = FULL` (a checkpoint
 * answered as signed survives a power cut). Appends check and insert in one immediate transaction, so two witness
 * processes on one file cannot both extend a log from the same point.
 */
export function createSqliteCheckpointStore({ path, busyTimeoutMs = 5_000 }: SqliteCheckpointStoreOptions): CheckpointStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = {
    latest: db.prepare<[string], CheckpointRow>('SELECT * FROM checkpoints WHERE log = ? ORDER BY n DESC LIMIT 1'),
    list: db.prepare<[string, number, number], CheckpointRow>('SELECT * FROM checkpoints WHERE log = ? AND seq > ? ORDER BY seq LIMIT ?'),
    insert: db.prepare<Record<string, unknown>>('INSERT INTO checkpoints (log, n, seq, hash, witnessed_at, kid, jws) VALUES (@log, @n, @seq, @hash, @witnessedAt, @kid, @jws)'),
    insertAlarm: db.prepare<Record<string, unknown>>(
      'INSERT INTO alarms (log, at, kind, seq, hash, witnessed_seq, witnessed_hash, reason) VALUES (@log, @at, @kind, @seq, @hash, @witnessedSeq, @witnessedHash, @reason)',
    ),
    alarms: db.prepare<[string, number], AlarmRow>('SELECT * FROM alarms WHERE log = ? ORDER BY id DESC LIMIT ?'),
    insertKey: db.prepare<[string, string, number]>('INSERT INTO signing_keys (kid, public_jwk, added) VALUES (?, ?, ?) ON CONFLICT (kid) DO NOTHING'),
    keys: db.prepare<[], { kid: string; public_jwk: string }>('SELECT kid, public_jwk FROM signing_keys ORDER BY added, kid'),
  };
  const append = db.transaction((checkpoint: WitnessedCheckpoint) => {
    const problem = checkExtends(statements.latest.get(checkpoint.log), checkpoint);
    if (problem) throw new CheckpointConflictError(problem);
    statements.insert.run({ ...checkpoint });
  });
  return {
    async latest(log) {
      const row = statements.latest.get(log);
      return row ? toCheckpoint(row) : undefined;
    },
    async list(log, { afterSeq, limit }) {
      return statements.list.all(log, afterSeq, limit).map(toCheckpoint);
    },
    async append(checkpoint) {
      append.immediate(checkpoint);
    },
    async recordAlarm(alarm) {
      statements.insertAlarm.run({ ...alarm });
    },
    async alarms(log, { limit }) {
      return statements.alarms.all(log, limit).map(toAlarm);
    },
    async rememberKey({ kid, publicJwk }) {
      statements.insertKey.run(kid, JSON.stringify(publicJwk), Date.now());
    },
    async publicKeys() {
      return statements.keys.all().map((row) => ({ kid: row.kid, publicJwk: JSON.parse(row.public_jwk) as JWK }));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
