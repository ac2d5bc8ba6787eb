import { migratePostgres, withTransaction, type PgPool } from '../../../lib/postgres/index.js';
import { createStoreHealth, type StoreHealth } from '../../../lib/store-health/index.js';
import { cursorAfterSql, fanOutConsumer } from './cursor-order-sql.js';
import { webhooksPostgresComponent, webhooksPostgresMigrations } from './postgres-migrations.js';
import type { ClaimedDelivery, Delivery, Webhook } from './webhook.js';
import { WebhookConflictError } from './webhook-conflict-error.js';
import { deliveryColumns, toAttempt, toDelivery, toWebhook, webhookColumns, webhookValues, type AttemptRow, type DeliveryRow, type WebhookRow } from './webhook-row.js';
import type { WebhookStore } from './webhook-store.js';

export interface PostgresWebhookStoreOptions {
  /**
   * The process's pool (`createPgPool`), shared with its other stores: `close()` leaves it open, its owner ends it.
   * The webhooks' migrations are applied before the first operation (once per store; harmless when already done).
   */
  readonly pool: PgPool;
  /**
   * Told of every operation's outcome, for `/ready` and `/metrics`; `status()` reads it. Default: one of its own
   * (`store: 'webhooks', engine: 'postgres', whileDown: 'fail-closed'`); pass one built the same way to log changes.
   */
  readonly health?: StoreHealth;
  /** For the default health's timestamps only: every stored time is given by the caller. Default `Date.now`. */
  readonly clock?: () => number;
}

/** SQLSTATE class 23 (integrity constraint violation): the caller's write was refused, the server answered. */
const conflictOf = (error: unknown): WebhookConflictError | null => {
  if (error instanceof WebhookConflictError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (!code.startsWith('23')) return null;
  const what = code === '23503' ? 'the webhook does not exist' : code === '23505' ? 'the id is already taken' : error instanceof Error ? error.message : code;
  return new WebhookConflictError(`webhook store refused the write: ${what}`, { cause: error });
};

/** Fails a webhook's PENDING deliveries in the statement that disables it (`w`: the updated webhook). */
const disabling = (update: string) => `WITH w AS (${update} RETURNING *),
  failed AS (
    UPDATE webhook_deliveries SET state = 'FAILED', next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL
    WHERE webhook_id IN (SELECT id FROM w) AND state = 'PENDING')
  SELECT * FROM w`;

/**
 * Webhooks in PostgreSQL (the scaled mode), shared by every replica. Claims lock their rows with `FOR UPDATE SKIP
 * LOCKED`: replicas claiming together each get different deliveries without waiting for one another; a lease that
 * runs out (its replica died) is due again, and `recordAttempt` is fenced by the lease owner. The fan-out of an event
 * is one transaction: its deliveries (a unique index on `(webhook_id, event_cursor)` with `ON CONFLICT DO NOTHING`:
 * two leaders fanning the same event out make one delivery per webhook) and the consumer cursor, never moved back.
 *
 * Server down: every operation rejects with the driver's error (fail closed: nothing is assumed written) and the
 * health says so; the pool replaces broken connections, so the store recovers by itself.
 */
export function createPostgresWebhookStore({ pool, health: given, clock = Date.now }: PostgresWebhookStoreOptions): WebhookStore {
  const health = given ?? createStoreHealth({ store: 'webhooks', engine: 'postgres', whileDown: 'fail-closed', clock });
  let closed = false;
  let migrated: Promise<unknown> | undefined;
  const migrate = () =>
    (migrated ??= migratePostgres(pool, webhooksPostgresComponent, webhooksPostgresMigrations).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    }));

  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error('webhook store is closed');
    try {
      await migrate();
      const result = await work();
      health.succeeded();
      return result;
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict) {
        health.succeeded();
        throw conflict;
      }
      health.failed(error);
      throw error;
    }
  };
  const webhookRows = async (text: string, values: readonly unknown[]) => (await pool.query<WebhookRow>(text, [...values])).rows.map(toWebhook);
  const deliveryRows = async (text: string, values: readonly unknown[]) => (await pool.query<DeliveryRow>(text, [...values])).rows.map(toDelivery);
  const oneWebhook = async (text: string, values: readonly unknown[]): Promise<Webhook | null> => (await webhookRows(text, values))[0] ?? null;
  const oneDelivery = async (text: string, values: readonly unknown[]): Promise<Delivery | null> => (await deliveryRows(text, values))[0] ?? null;

  return {
    createWebhook: (webhook) =>
      run(async () => {
        const created = await oneWebhook(`INSERT INTO webhook_endpoints (${webhookColumns}, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ENABLED') RETURNING *`, webhookValues(webhook));
        if (!created) throw new Error(`webhook ${webhook.id} vanished during insert`);
        return created;
      }),
    getWebhook: (id) => run(() => oneWebhook('SELECT * FROM webhook_endpoints WHERE id = $1', [id])),
    listWebhooks: (ownerSubject) => run(() => webhookRows('SELECT * FROM webhook_endpoints WHERE owner_subject = $1 ORDER BY created_at, id', [ownerSubject])),
    countWebhooks: (ownerSubject) => run(async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints WHERE owner_subject = $1', [ownerSubject])).rows[0]?.n ?? 0),
    enabledWebhooks: () => run(() => webhookRows(`SELECT * FROM webhook_endpoints WHERE state = 'ENABLED' ORDER BY created_at, id`, [])),
    deleteWebhook: (id) => run(async () => ((await pool.query('DELETE FROM webhook_endpoints WHERE id = $1', [id])).rowCount ?? 0) > 0),
    setWebhookState: (id, state, at, reason) =>
      run(() =>
        state === 'ENABLED'
          ? oneWebhook(`UPDATE webhook_endpoints SET state = 'ENABLED', disabled_at = NULL, disabled_reason = NULL, failing_since = NULL WHERE id = $1 RETURNING *`, [id])
          : oneWebhook(disabling(`UPDATE webhook_endpoints SET state = 'DISABLED', disabled_at = $2, disabled_reason = $3 WHERE id = $1`), [id, at, reason]),
      ),
    updateWebhookHealth: (id, { failingSince, disable }) =>
      run(() =>
        disable
          ? oneWebhook(disabling(`UPDATE webhook_endpoints SET state = 'DISABLED', failing_since = $2, disabled_at = $3, disabled_reason = $4 WHERE id = $1`), [
              id,
              failingSince,
              disable.at,
              disable.reason,
            ])
          : oneWebhook('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1 RETURNING *', [id, failingSince]),
      ),

    enqueueEvent: (cursor, deliveries, now) =>
      run(() =>
        withTransaction(pool, async (client) => {
          if (deliveries.length > 0) {
            // One statement for the whole fan-out; a webhook deleted since is skipped, one already served kept.
            await client.query(
              `INSERT INTO webhook_deliveries (${deliveryColumns})
               SELECT n.id, n.webhook_id, n.event_cursor, n.event_type, n.payload, 'PENDING', 0, $6, $6
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS n (id, webhook_id, event_cursor, event_type, payload, ord)
               WHERE EXISTS (SELECT 1 FROM webhook_endpoints AS w WHERE w.id = n.webhook_id)
               ORDER BY n.ord
               ON CONFLICT (webhook_id, event_cursor) DO NOTHING`,
              [deliveries.map((d) => d.id), deliveries.map((d) => d.webhookId), deliveries.map((d) => d.eventCursor), deliveries.map((d) => d.eventType), deliveries.map((d) => d.payload), now],
            );
          }
          // A former leader still fanning out an older event must not move the cursor back.
          await client.query(
            `INSERT INTO webhook_consumer_cursor (consumer, cursor, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (consumer) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at
             WHERE ${cursorAfterSql('EXCLUDED.cursor', 'webhook_consumer_cursor.cursor')}`,
            [fanOutConsumer, cursor, now],
          );
        }),
      ),
    consumerCursor: () => run(async () => (await pool.query<{ cursor: string }>('SELECT cursor FROM webhook_consumer_cursor WHERE consumer = $1', [fanOutConsumer])).rows[0]?.cursor ?? null),
    enqueue: (d, now) =>
      run(async () => {
        const created = await oneDelivery(
          `INSERT INTO webhook_deliveries (${deliveryColumns})
           SELECT $1, $2, $3, $4, $5, 'PENDING', 0, $6, $6 WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = $2)
           RETURNING *`,
          [d.id, d.webhookId, d.eventCursor, d.eventType, d.payload, now],
        );
        if (!created) throw new WebhookConflictError(`webhook ${d.webhookId} does not exist`);
        return created;
      }),

    claimDue: ({ now, limit, leaseMs, owner }) =>
      run(async () => {
        if (limit <= 0) return [];
        // SKIP LOCKED: rows another replica is claiming right now are left to it, not waited for; the lock's re-check
        // of the WHERE clause drops a row that replica has just leased and committed.
        const leased = await deliveryRows(
          `WITH due AS (
             SELECT d.id FROM webhook_deliveries AS d JOIN webhook_endpoints AS w ON w.id = d.webhook_id
             WHERE d.state = 'PENDING' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1) AND w.state = 'ENABLED'
             ORDER BY d.next_attempt_at, d.created_at, d.id
             LIMIT $2
             FOR UPDATE OF d SKIP LOCKED)
           UPDATE webhook_deliveries AS d SET lease_owner = $3, lease_until = $4
           FROM due WHERE d.id = due.id
           RETURNING d.*`,
          [now, limit, owner, now + leaseMs],
        );
        if (leased.length === 0) return [];
        const webhooks = new Map((await webhookRows('SELECT * FROM webhook_endpoints WHERE id = ANY($1::text[])', [[...new Set(leased.map((d) => d.webhookId))]])).map((w) => [w.id, w]));
        // RETURNING gives no order guarantee: restore "oldest due first".
        const byDue = (a: Delivery, b: Delivery) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        return leased.sort(byDue).flatMap((delivery): ClaimedDelivery[] => {
          const webhook = webhooks.get(delivery.webhookId);
          return webhook ? [{ delivery, webhook }] : [];
        });
      }),
    recordAttempt: (deliveryId, record) =>
      run(async () => {
        const { outcome } = record;
        // One statement: the fenced update numbers the attempt, the insert records it, both or neither.
        const result = await pool.query(
          `WITH leased AS (
             UPDATE webhook_deliveries
             SET attempts = attempts + 1, state = $3, next_attempt_at = $4, last_attempt_at = $5, last_status_code = $6, last_error = $7,
                 succeeded_at = COALESCE($8, succeeded_at), lease_owner = NULL, lease_until = NULL
             WHERE id = $1 AND state = 'PENDING' AND lease_owner = $2
             RETURNING id, attempts)
           INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
           SELECT id, attempts, $5, $6, $9, $10 FROM leased`,
          [
            deliveryId,
            record.owner,
            outcome.state,
            outcome.state === 'PENDING' ? outcome.nextAttemptAt : null,
            record.at,
            record.statusCode,
            outcome.state === 'SUCCEEDED' ? null : record.error,
            outcome.state === 'SUCCEEDED' ? record.at : null,
            record.error,
            record.durationMs,
          ],
        );
        return (result.rowCount ?? 0) > 0;
      }),
    release: (deliveryId, owner) =>
      run(async () => {
        await pool.query('UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [deliveryId, owner]);
      }),

    getDelivery: (id) => run(() => oneDelivery('SELECT * FROM webhook_deliveries WHERE id = $1', [id])),
    listDeliveries: (webhookId, { limit, before }) =>
      run(async () => {
        let anchor: { readonly createdAt: number; readonly id: string } | null = null;
        if (before) {
          const found = await oneDelivery('SELECT * FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2', [before, webhookId]);
          if (!found) return { deliveries: [], next: null };
          anchor = found;
        }
        const wanted = Math.max(0, limit);
        // One more than asked: whether an older page exists.
        const rows = await deliveryRows(
          `SELECT * FROM webhook_deliveries
           WHERE webhook_id = $1 AND ($2::bigint IS NULL OR (created_at, id) < ($2::bigint, $3::text))
           ORDER BY created_at DESC, id DESC
           LIMIT $4`,
          [webhookId, anchor?.createdAt ?? null, anchor?.id ?? null, wanted + 1],
        );
        const deliveries = rows.slice(0, wanted);
        return { deliveries, next: rows.length > deliveries.length ? (deliveries.at(-1)?.id ?? null) : null };
      }),
    listAttempts: (deliveryId) => run(async () => (await pool.query<AttemptRow>('SELECT * FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt', [deliveryId])).rows.map(toAttempt)),
    replay: (deliveryId, now) =>
      run(() => oneDelivery(`UPDATE webhook_deliveries SET state = 'PENDING', next_attempt_at = $2, lease_owner = NULL, lease_until = NULL WHERE id = $1 RETURNING *`, [deliveryId, now])),
    prune: (beforeMs) => run(async () => (await pool.query(`DELETE FROM webhook_deliveries WHERE state <> 'PENDING' AND created_at < $1`, [beforeMs])).rowCount ?? 0),

    status: () => health.status(),
    async close() {
      closed = true;
    },
  };
}
