import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { formatCursor } from '../../../events/index.js';
import { webhooksSqliteSchemaVersion } from './sqlite-migrations.js';
import { createSqliteWebhookStore } from './sqlite-webhook-store.js';
import { attempt, eventDelivery, newWebhook, T0 } from './test-support/webhook-fixtures.js';
import { describeWebhookStoreContract } from './test-support/webhook-store-contract.js';
import type { WebhookStore } from './webhook-store.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `store-${(files += 1)}`, 'webhooks.sqlite');

describeWebhookStoreContract('SQLite store (file, two connections)', async () => {
  const path = freshPath();
  return { store: createSqliteWebhookStore({ path }), replica: createSqliteWebhookStore({ path }) };
});
describeWebhookStoreContract('SQLite store (:memory:)', async () => ({ store: createSqliteWebhookStore({ path: ':memory:' }) }));

describe('SQLite webhook store on disk', () => {
  const opened: WebhookStore[] = [];
  const open = (path: string) => {
    const store = createSqliteWebhookStore({ path });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('creates its parent directories, owner-only, in WAL mode, at the current schema version', async () => {
    const path = freshPath();
    await open(path).createWebhook(newWebhook(1));
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(webhooksSqliteSchemaVersion);
      expect(raw.prepare('SELECT event_types, ministries FROM webhook_endpoints').get()).toEqual({
        event_types: JSON.stringify(newWebhook(1).eventTypes),
        ministries: JSON.stringify(newWebhook(1).ministries),
      });
    } finally {
      raw.close();
    }
  });

  it('keeps webhooks, deliveries, attempts, leases and the cursor across a close and reopen', async () => {
    const path = freshPath();
    const first = open(path);
    await first.createWebhook(newWebhook(1));
    await first.enqueueEvent(formatCursor(2), [eventDelivery(newWebhook(1).id, 1), eventDelivery(newWebhook(1).id, 2)], T0);
    const claimed = await first.claimDue({ now: T0, limit: 2, owner: 'dead', leaseMs: 30_000 });
    await first.recordAttempt(eventDelivery(newWebhook(1).id, 1).id, attempt('dead', T0 + 1, { state: 'PENDING', nextAttemptAt: T0 + 10 }));
    await first.close();

    const reopened = open(path);
    expect(await reopened.getWebhook(newWebhook(1).id)).toEqual(claimed[0]?.webhook);
    expect(await reopened.consumerCursor()).toBe(formatCursor(2));
    expect(await reopened.listAttempts(eventDelivery(newWebhook(1).id, 1).id)).toHaveLength(1);
    // The dead process's other lease still holds until it runs out.
    const ids = async (now: number) => (await reopened.claimDue({ now, limit: 10, owner: 'b', leaseMs: 30_000 })).map((c) => c.delivery.id);
    expect(await ids(T0 + 10)).toEqual([eventDelivery(newWebhook(1).id, 1).id]);
    expect(await ids(T0 + 30_000)).toEqual([eventDelivery(newWebhook(1).id, 2).id]);
  });

  it('refuses a database written by a newer schema rather than guess', async () => {
    const path = freshPath();
    await open(path).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${webhooksSqliteSchemaVersion + 1}`);
    raw.close();
    expect(() => createSqliteWebhookStore({ path })).toThrow(/newer than this code/);
  });

  it('refuses work once closed, without counting it as the file failing', async () => {
    const store = createSqliteWebhookStore({ path: ':memory:' });
    await store.close();
    await expect(store.countWebhooks('x')).rejects.toThrow(/closed/);
    expect(store.status()).toMatchObject({ store: 'webhooks', engine: 'sqlite', up: true, failures: 0 });
  });
});
