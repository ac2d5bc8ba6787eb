import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SubmissionStore } from './index.js';
import { migrateSqlite } from '../lib/sqlite/index.js';
import { sqliteMigrations } from './sqlite-migrations.js';
import { createSqliteSubmissionStore, sqliteSchemaVersion } from './sqlite-submission-store.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { newSubmission } from './test-support/submission-fixtures.js';
import { describeSubmissionStoreContract } from './test-support/submission-store-contract.js';
import { tempDir } from './test-support/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.remove());
let fileCount = 0;
const freshPath = () => join(dir.path, `store-${(fileCount += 1)}`, 'outbox.sqlite');

describeSubmissionStoreContract('SQLite store (file)', (clock) => createSqliteSubmissionStore({ path: freshPath(), clock: clock.now }), {
  replicas: async (clock) => {
    const path = freshPath();
    return [createSqliteSubmissionStore({ path, clock: clock.now }), createSqliteSubmissionStore({ path, clock: clock.now })];
  },
});
describeSubmissionStoreContract('SQLite store (:memory:)', (clock) => createSqliteSubmissionStore({ path: ':memory:', clock: clock.now }));

describe('SQLite store on disk', () => {
  const opened: SubmissionStore[] = [];
  const open = (path: string, clock = createFakeClock()) => {
    const store = createSqliteSubmissionStore({ path, clock: clock.now });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('creates its parent directories, in WAL mode, at the current schema version', async () => {
    const path = freshPath();
    const store = open(path);
    await store.enqueue(newSubmission(1));
    expect(existsSync(path)).toBe(true);
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(sqliteSchemaVersion);
    } finally {
      raw.close();
    }
  });

  it('numbers the rows a version-1 file had already ended, in the order they ended, then goes on from there', async () => {
    const path = freshPath();
    const clock = createFakeClock();
    const old = open(path, clock);
    for (const n of [1, 2, 3, 4]) await old.enqueue(newSubmission(n));
    const claimed = await old.claimDue({ now: clock.now(), limit: 4, leaseMs: 30_000, owner: 'a' });
    clock.advance(10);
    await old.markRejected(newSubmission(3).externalReference, { owner: 'a', error: { code: 'BAD_USER_INPUT', message: 'x' }, message: 'Refusé.' });
    clock.advance(10);
    await old.markDelivered(newSubmission(1).externalReference, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() });
    await old.close();
    expect(claimed).toHaveLength(4);
    // Back to version 1, as a file written before the outcomes feed: no outcome columns.
    const raw = new BetterSqlite3(path);
    raw.exec('DROP INDEX submissions_outcomes; ALTER TABLE submissions DROP COLUMN outcome_seq; ALTER TABLE submissions DROP COLUMN outcome_at; PRAGMA user_version = 1;');
    migrateSqlite(raw, 'outbox', sqliteMigrations);
    raw.close();

    const reopened = open(path, clock);
    const page = await reopened.outcomesAfter(0, 10);
    expect(page.outcomes.map((o) => [o.sequence, o.externalReference, o.outcome])).toEqual([
      [1, newSubmission(3).externalReference, 'rejected'],
      [2, newSubmission(1).externalReference, 'delivered'],
    ]);
    clock.advance(10);
    await reopened.markDelivered(newSubmission(2).externalReference, { legacyReference: 'CEET-2026-000002', deliveredAt: clock.now() });
    expect((await reopened.outcomesAfter(2, 10)).outcomes.map((o) => [o.sequence, o.externalReference])).toEqual([[3, newSubmission(2).externalReference]]);
  });

  it('keeps every row across a close and reopen, leases included', async () => {
    const path = freshPath();
    const clock = createFakeClock();
    const first = open(path, clock);
    await first.enqueue(newSubmission(1));
    await first.enqueue(newSubmission(2));
    const [leased] = await first.claimDue({ now: clock.now(), limit: 1, leaseMs: 30_000, owner: 'dead' });
    await first.close();

    const reopened = open(path, clock);
    expect(await reopened.get(newSubmission(1).externalReference)).toEqual(leased);
    expect((await reopened.claimDue({ now: clock.now(), limit: 10, leaseMs: 60_000, owner: 'b' })).map((s) => s.externalReference)).toEqual([newSubmission(2).externalReference]);
    clock.advance(30_000);
    expect((await reopened.claimDue({ now: clock.now(), limit: 10, leaseMs: 30_000, owner: 'b' })).map((s) => s.externalReference)).toEqual([newSubmission(1).externalReference]);
  });

  it('never gives one row to two connections claiming at once', async () => {
    const path = freshPath();
    const clock = createFakeClock();
    const a = open(path, clock);
    const b = open(path, clock);
    for (let n = 1; n <= 50; n += 1) await a.enqueue(newSubmission(n));
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).claimDue({ now: clock.now(), limit: 7, leaseMs: 30_000, owner: `owner-${i}` })));
    const refs = claims.flat().map((s) => s.externalReference);
    expect(refs).toHaveLength(50);
    expect(new Set(refs).size).toBe(50);
  });

  it('sees the other connection’s enqueue as a retry, not a new row', async () => {
    const path = freshPath();
    const a = open(path);
    const b = open(path);
    await a.enqueue(newSubmission(1));
    expect(await b.enqueue(newSubmission(1))).toMatchObject({ created: false, conflict: false });
    expect(await b.enqueue(newSubmission(1, { payload: { other: true } }))).toMatchObject({ created: false, conflict: true });
  });

  it('refuses a database written by a newer schema rather than guess', async () => {
    const path = freshPath();
    await open(path).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${sqliteSchemaVersion + 1}`);
    raw.close();
    expect(() => createSqliteSubmissionStore({ path })).toThrow(/newer than this code/);
  });
});
