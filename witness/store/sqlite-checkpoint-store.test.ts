import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeCheckpointStoreContract, witnessed } from '../test-support/checkpoint-store-contract.js';
import { createSqliteCheckpointStore, sqliteCheckpointSchemaVersion } from './sqlite-checkpoint-store.js';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'guichet-witness-store-')), 'witness', 'checkpoints.sqlite');

describeCheckpointStoreContract('SQLite store (file)', () => createSqliteCheckpointStore({ path: freshPath() }));
describeCheckpointStoreContract('SQLite store (:memory:)', () => createSqliteCheckpointStore({ path: ':memory:' }));

describe('SQLite checkpoint store on disk', () => {
  it('survives a reopen, in WAL mode, in an owner-only directory, at the current schema version', async () => {
    const path = freshPath();
    const store = createSqliteCheckpointStore({ path });
    await store.append(witnessed('guichet', 1));
    await store.close();
    const again = createSqliteCheckpointStore({ path });
    expect(await again.latest('guichet')).toEqual(witnessed('guichet', 1));
    await again.close();
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(sqliteCheckpointSchemaVersion);
    } finally {
      raw.close();
    }
  });

  it('refuses an UPDATE or DELETE of what was witnessed, even through SQLite directly', async () => {
    const path = freshPath();
    const store = createSqliteCheckpointStore({ path });
    await store.append(witnessed('guichet', 1));
    await store.recordAlarm({ log: 'guichet', at: 'x', kind: 'fork', seq: 1, hash: 'h', witnessedSeq: 1, witnessedHash: 'g', reason: 'r' });
    await store.close();
    const raw = new BetterSqlite3(path);
    try {
      expect(() => raw.prepare("UPDATE checkpoints SET hash = 'x'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM checkpoints').run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM alarms').run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });
});
