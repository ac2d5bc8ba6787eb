import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { SqliteError } from 'better-sqlite3';
import { createStoreHealth, type StoreHealth } from '../../../lib/store-health/index.js';
import { cursorAfterSql, fanOutConsumer } from './cursor-order-sql.js';
import { sqliteConflict } from './sqlite-conflict.js';
import { migrateWebhooksSqlite } from './sqlite-migrations.js';
import type { ClaimedDelivery, Delivery, NewDelivery, Webhook } from './webhook.js';
import { WebhookConflictError } from './webhook-conflict-error.js';
import { deliveryColumns, toAttempt, toDelivery, toWebhook, webhookColumns, webhookValues, type AttemptRow, type DeliveryRow, type WebhookRow } from './webhook-row.js';
import type { WebhookStore } from './webhook-store.js';

export interface SqliteWebhookStoreOptions {
  /** The database file (parent directories are created, owner-only), or `:memory:` for a throw-away one. */
  readonly path: string;
  /** For the health's timestamps only: every stored time is given by the caller. Default `Date.now`. */
  readonly clock?: () => number;
  /** How long a write waits for another process's lock before failing. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Where its reachability is recorded (for `/ready` and `/metrics`); default its own. */
  readonly health?: StoreHealth;
}

const failPending = `UPDATE webhook_deliveries SET state = 'FAILED', next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL
  WHERE webhook_id = ? AND state = 'PENDING'`;

/**
 * Webhooks in one SQLite file (the embedded mode), in WAL mode with `synchronous = FULL`: a delivery enqueued is on
 * disk before the fan-out moves its cursor, across a power cut too. better-sqlite3 is synchronous: each method is
 * one statement or one transaction. Several processes may open the same file: claims are one UPDATE inside an
 * immediate transaction, atomic under SQLite's write lock, so two owners never lease the same delivery.
 */
export function createSqliteWebhookStore({ path, clock = Date.now, busyTimeoutMs = 5_000, health: given }: SqliteWebhookStoreOptions): WebhookStore {
  // Owner-only: the rows hold the webhooks' sealed secrets and the payloads sent (references, statuses, NIUs).
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Deleting a webhook or pruning a delivery cascades to its deliveries and attempts.
    db.pragma('foreign_keys = ON');
    migrateWebhooksSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const health = given ?? createStoreHealth({ store: 'webhooks', engine: 'sqlite', whileDown: 'fail-closed', clock });

  const q = {
    insertWebhook: db.prepare<unknown[], WebhookRow>(`INSERT INTO webhook_endpoints (${webhookColumns}, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ENABLED') RETURNING *`),
    getWebhook: db.prepare<[string], WebhookRow>('SELECT * FROM webhook_endpoints WHERE id = ?'),
    listWebhooks: db.prepare<[string], WebhookRow>('SELECT * FROM webhook_endpoints WHERE owner_subject = ? ORDER BY created_at, id'),
    countWebhooks: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM webhook_endpoints WHERE owner_subject = ?'),
    enabledWebhooks: db.prepare<[], WebhookRow>(`SELECT * FROM webhook_endpoints WHERE state = 'ENABLED' ORDER BY created_at, id`),
    deleteWebhook: db.prepare<[string]>('DELETE FROM webhook_endpoints WHERE id = ?'),
    enable: db.prepare<[string], WebhookRow>(`UPDATE webhook_endpoints SET state = 'ENABLED', disabled_at = NULL, disabled_reason = NULL, failing_since = NULL WHERE id = ? RETURNING *`),
    disable: db.prepare<[number, string | null, string], WebhookRow>(`UPDATE webhook_endpoints SET state = 'DISABLED', disabled_at = ?, disabled_reason = ? WHERE id = ? RETURNING *`),
    failingSince: db.prepare<[number | null, string], WebhookRow>('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? RETURNING *'),
    failPending: db.prepare<[string]>(failPending),
    // Skipped when its webhook is gone; kept as it is when the webhook already has this event's delivery.
    insertEventDelivery: db.prepare<Record<string, unknown>>(
      `INSERT INTO webhook_deliveries (${deliveryColumns})
       SELECT @id, @webhookId, @eventCursor, @eventType, @payload, 'PENDING', 0, @now, @now
       WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = @webhookId)
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE webhook_id = @webhookId AND event_cursor = @eventCursor)
       ON CONFLICT (webhook_id, event_cursor) DO NOTHING`,
    ),
    insertDelivery: db.prepare<Record<string, unknown>, DeliveryRow>(
      `INSERT INTO webhook_deliveries (${deliveryColumns}) VALUES (@id, @webhookId, @eventCursor, @eventType, @payload, 'PENDING', 0, @now, @now) RETURNING *`,
    ),
    saveCursor: db.prepare<[string, string, number]>(
      `INSERT INTO webhook_consumer_cursor (consumer, cursor, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (consumer) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
       WHERE ${cursorAfterSql('excluded.cursor', 'webhook_consumer_cursor.cursor')}`,
    ),
    cursor: db.prepare<[string], { cursor: string }>('SELECT cursor FROM webhook_consumer_cursor WHERE consumer = ?'),
    claim: db.prepare<Record<string, unknown>, DeliveryRow>(
      `UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @leaseUntil
       WHERE id IN (
         SELECT d.id FROM webhook_deliveries AS d JOIN webhook_endpoints AS w ON w.id = d.webhook_id
         WHERE d.state = 'PENDING' AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now) AND w.state = 'ENABLED'
         ORDER BY d.next_attempt_at, d.created_at, d.id
         LIMIT @limit)
       RETURNING *`,
    ),
    leased: db.prepare<[string, string], { attempts: number }>(`SELECT attempts FROM webhook_deliveries WHERE id = ? AND state = 'PENDING' AND lease_owner = ?`),
    insertAttempt: db.prepare<Record<string, unknown>>(
      'INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (@id, @attempt, @at, @statusCode, @error, @durationMs)',
    ),
    recordOutcome: db.prepare<Record<string, unknown>>(
      `UPDATE webhook_deliveries
       SET attempts = @attempt, state = @state, next_attempt_at = @nextAttemptAt, last_attempt_at = @at, last_status_code = @statusCode,
           last_error = @lastError, succeeded_at = COALESCE(@succeededAt, succeeded_at), lease_owner = NULL, lease_until = NULL
       WHERE id = @id`,
    ),
    release: db.prepare<[string, string]>('UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?'),
    getDelivery: db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?'),
    pageAnchor: db.prepare<[string, string], { created_at: number }>('SELECT created_at FROM webhook_deliveries WHERE id = ? AND webhook_id = ?'),
    page: db.prepare<Record<string, unknown>, DeliveryRow>(
      `SELECT * FROM webhook_deliveries
       WHERE webhook_id = @webhookId AND (@beforeAt IS NULL OR (created_at, id) < (@beforeAt, @before))
       ORDER BY created_at DESC, id DESC
       LIMIT @limit`,
    ),
    listAttempts: db.prepare<[string], AttemptRow>('SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt'),
    replay: db.prepare<[number, string], DeliveryRow>(`UPDATE webhook_deliveries SET state = 'PENDING', next_attempt_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? RETURNING *`),
    prune: db.prepare<[number]>(`DELETE FROM webhook_deliveries WHERE state <> 'PENDING' AND created_at < ?`),
  };

  const deliveryParams = (d: NewDelivery, now: number) => ({ id: d.id, webhookId: d.webhookId, eventCursor: d.eventCursor, eventType: d.eventType, payload: d.payload, now });
  const webhookOrNull = (row: WebhookRow | null | undefined): Webhook | null => (row ? toWebhook(row) : null);

  const tx = {
    disable: db.transaction((id: string, at: number, reason: string | null, failingSince?: number | null) => {
      const row = q.disable.get(at, reason, id);
      if (!row) return null;
      q.failPending.run(id);
      return failingSince === undefined ? row : q.failingSince.get(failingSince, id);
    }),
    enqueueEvent: db.transaction((cursor: string, deliveries: readonly NewDelivery[], now: number) => {
      for (const d of deliveries) q.insertEventDelivery.run(deliveryParams(d, now));
      q.saveCursor.run(fanOutConsumer, cursor, now);
    }),
    enqueue: db.transaction((d: NewDelivery, now: number) => {
      if (!q.getWebhook.get(d.webhookId)) throw new WebhookConflictError(`webhook ${d.webhookId} does not exist`);
      return q.insertDelivery.get(deliveryParams(d, now));
    }),
    claim: db.transaction((params: Record<string, unknown>): ClaimedDelivery[] => {
      const webhooks = new Map<string, Webhook | null>();
      const claimed: ClaimedDelivery[] = [];
      for (const delivery of q.claim.all(params).map(toDelivery)) {
        if (!webhooks.has(delivery.webhookId)) webhooks.set(delivery.webhookId, webhookOrNull(q.getWebhook.get(delivery.webhookId)));
        const webhook = webhooks.get(delivery.webhookId);
        if (webhook) claimed.push({ delivery, webhook });
      }
      return claimed;
    }),
    record: db.transaction((deliveryId: string, record: Parameters<WebhookStore['recordAttempt']>[1]): boolean => {
      const leased = q.leased.get(deliveryId, record.owner);
      if (!leased) return false;
      const attempt = leased.attempts + 1;
      const { outcome } = record;
      q.insertAttempt.run({ id: deliveryId, attempt, at: record.at, statusCode: record.statusCode, error: record.error, durationMs: record.durationMs });
      q.recordOutcome.run({
        id: deliveryId,
        attempt,
        state: outcome.state,
        nextAttemptAt: outcome.state === 'PENDING' ? outcome.nextAttemptAt : null,
        at: record.at,
        statusCode: record.statusCode,
        lastError: outcome.state === 'SUCCEEDED' ? null : record.error,
        succeededAt: outcome.state === 'SUCCEEDED' ? record.at : null,
      });
      return true;
    }),
    page: db.transaction((webhookId: string, limit: number, before: string | null) => {
      const anchor = before === null ? null : q.pageAnchor.get(before, webhookId);
      if (before !== null && !anchor) return { deliveries: [], next: null };
      // One more than asked: whether an older page exists.
      const rows = q.page.all({ webhookId, beforeAt: anchor?.created_at ?? null, before, limit: Math.max(0, limit) + 1 });
      const deliveries = rows.slice(0, Math.max(0, limit)).map(toDelivery);
      return { deliveries, next: rows.length > deliveries.length ? (deliveries.at(-1)?.id ?? null) : null };
    }),
  };

  /** Every operation: closed refused; a constraint the caller broke is a conflict, anything else the file's failure. */
  const run = <T>(work: () => T): Promise<T> => {
    if (!db.open) return Promise.reject(new Error('webhook store is closed'));
    try {
      const result = work();
      health.succeeded();
      return Promise.resolve(result);
    } catch (error) {
      const conflict = error instanceof WebhookConflictError ? error : error instanceof SqliteError ? sqliteConflict(error) : null;
      if (conflict) {
        health.succeeded();
        return Promise.reject(conflict);
      }
      health.failed(error);
      return Promise.reject(error);
    }
  };

  return {
    createWebhook: (webhook) =>
      run(() => {
        const values = webhookValues(webhook);
        const row = q.insertWebhook.get(...values.slice(0, 6), values[6] ? 1 : 0, ...values.slice(7));
        if (!row) throw new Error(`webhook ${webhook.id} vanished during insert`);
        return toWebhook(row);
      }),
    getWebhook: (id) => run(() => webhookOrNull(q.getWebhook.get(id))),
    listWebhooks: (ownerSubject) => run(() => q.listWebhooks.all(ownerSubject).map(toWebhook)),
    countWebhooks: (ownerSubject) => run(() => q.countWebhooks.get(ownerSubject)?.n ?? 0),
    enabledWebhooks: () => run(() => q.enabledWebhooks.all().map(toWebhook)),
    deleteWebhook: (id) => run(() => q.deleteWebhook.run(id).changes > 0),
    setWebhookState: (id, state, at, reason) => run(() => webhookOrNull(state === 'ENABLED' ? q.enable.get(id) : tx.disable.immediate(id, at, reason))),
    updateWebhookHealth: (id, change) =>
      run(() => webhookOrNull(change.disable ? tx.disable.immediate(id, change.disable.at, change.disable.reason, change.failingSince) : q.failingSince.get(change.failingSince, id))),

    enqueueEvent: (cursor, deliveries, now) => run(() => tx.enqueueEvent.immediate(cursor, deliveries, now)),
    consumerCursor: () => run(() => q.cursor.get(fanOutConsumer)?.cursor ?? null),
    enqueue: (delivery, now) =>
      run(() => {
        const row = tx.enqueue.immediate(delivery, now);
        if (!row) throw new Error(`delivery ${delivery.id} vanished during insert`);
        return toDelivery(row);
      }),

    claimDue: ({ now, limit, leaseMs, owner }) =>
      run(() => {
        if (limit <= 0) return [];
        // RETURNING gives no order guarantee: restore "oldest due first".
        const byDue = (a: Delivery, b: Delivery) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        return tx.claim.immediate({ owner, leaseUntil: now + leaseMs, now, limit }).sort((a, b) => byDue(a.delivery, b.delivery));
      }),
    recordAttempt: (deliveryId, record) => run(() => tx.record.immediate(deliveryId, record)),
    release: (deliveryId, owner) =>
      run(() => {
        q.release.run(deliveryId, owner);
      }),

    getDelivery: (id) =>
      run(() => {
        const row = q.getDelivery.get(id);
        return row ? toDelivery(row) : null;
      }),
    listDeliveries: (webhookId, { limit, before }) => run(() => tx.page(webhookId, limit, before ? before : null)),
    listAttempts: (deliveryId) => run(() => q.listAttempts.all(deliveryId).map(toAttempt)),
    replay: (deliveryId, now) =>
      run(() => {
        const row = q.replay.get(now, deliveryId);
        return row ? toDelivery(row) : null;
      }),
    prune: (beforeMs) => run(() => q.prune.run(beforeMs).changes),

    status: () => health.status(),
    async close() {
      if (db.open) db.close();
    },
  };
}
