import { type PgPool, withTransaction } from '../../../lib/postgres/index.js';
import type { StoreHealth } from '../../../lib/store-health/index.js';
import type { LastKnown } from './last-known.js';
import type { LastKnownStore, Remembered, RememberedList } from './last-known-store.js';

export interface PostgresLastKnownStoreOptions<R> {
  /** The subgraph's pool, with `lastKnownPostgresMigrations` applied; shared with its other stores (not ended here). */
  readonly pool: PgPool;
  /** Whose values these are (the subgraph's name): subgraphs sharing a database never see each other's. */
  readonly scope: string;
  /** The first level: this process's LRU, answered from without a round trip. */
  readonly local: LastKnownStore<R>;
  /** Older is not served, and purged (default 7 days, as the LRU). */
  readonly maxAgeMs?: number;
  /** Rows kept per table and scope; the oldest go first at each purge (default 1 000 000). */
  readonly maxRows?: number;
  /**
   * How long a fallback waits for PostgreSQL before answering "not remembered" (default 500 ms): the system is
   * already down, the request must not also hang on the database.
   */
  readonly recallTimeoutMs?: number;
  /** Between purges of old rows (default 10 min); 0: never (tests call `purge()`). */
  readonly purgeIntervalMs?: number;
  /** Writes waiting for PostgreSQL at most; beyond, new ones are dropped, the LRU keeps them (default 10 000). */
  readonly maxPendingWrites?: number;
  /** Pause before writing again after a failed write (default 1000 ms). */
  readonly retryDelayMs?: number;
  readonly clock?: () => number;
  /** Told of every round trip's outcome, for `/ready` and `/metrics`. */
  readonly health?: StoreHealth;
  readonly log?: { warn(details: object, message: string): void };
}

export interface PostgresLastKnownStore<R> extends LastKnown<R> {
  /** Waits until the writes made so far were tried once (tests, and `close`). */
  flush(): Promise<void>;
  /** Deletes rows older than `maxAgeMs`, then the oldest beyond `maxRows`; one replica at a time. */
  purge(): Promise<{ readonly records: number; readonly lists: number }>;
  /** Writes not yet in PostgreSQL. */
  pendingWrites(): number;
  /** A last flush, then stops its timers; the pool stays open. */
  close(): Promise<void>;
}

type Write =
  | { readonly kind: 'record'; readonly key: string; readonly value: string; readonly seenAt: number }
  | { readonly kind: 'forget'; readonly key: string; readonly at: number }
  | { readonly kind: 'list'; readonly listKey: string; readonly keys: readonly string[]; readonly seenAt: number };

interface Waiter<R> {
  readonly resolve: (value: Remembered<R> | undefined) => void;
}

const sevenDaysMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Last-known values shared by every replica of a subgraph: a poll served by replica B while the ministry is down
 * gets what replica A read before. Two levels: this process's LRU answers first; PostgreSQL is written behind,
 * in the background (a read's answer never waits for it, successive writes of a key are coalesced), and read only
 * when falling back and the LRU has nothing, with a bounded wait. PostgreSQL unreachable: the LRU alone answers
 * (this replica's own reads), writes wait (bounded) and land when it is back.
 */
export function createPostgresLastKnownStore<R>(options: PostgresLastKnownStoreOptions<R>): PostgresLastKnownStore<R> {
  const { pool, scope, local, maxAgeMs = sevenDaysMs, maxRows = 1_000_000, recallTimeoutMs = 500, purgeIntervalMs = 600_000 } = options;
  const { maxPendingWrites = 10_000, retryDelayMs = 1_000, clock = Date.now, health, log } = options;

  // Latest write per key: a record read ten times before the next flush is written once.
  let pending = new Map<string, Write>();
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  // The batch being written counts as waiting until PostgreSQL has taken it (it goes back to `pending` if not).
  let inFlight = 0;
  let closed = false;

  const track = async <T>(work: () => Promise<T>): Promise<T> => (health ? health.track(work) : work());

  const queue = (id: string, write: Write) => {
    if (closed) return;
    if (!pending.has(id) && pending.size >= maxPendingWrites) {
      if (dropped++ % 1_000 === 0) log?.warn({ scope, dropped, maxPendingWrites }, 'last-known writes dropped: PostgreSQL is behind');
      return;
    }
    pending.delete(id);
    pending.set(id, write);
    schedule(0);
  };

  // After a failed write, nothing is tried again before this instant (real time: the timers are real).
  let holdUntil = 0;
  const schedule = (delayMs: number) => {
    if (timer || writing || closed) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void writeBatch();
      },
      Math.max(delayMs, holdUntil - Date.now()),
    );
    timer.unref();
  };

  const writeBatch = (): Promise<void> => {
    if (writing) return writing;
    if (pending.size === 0) return Promise.resolve();
    const batch = pending;
    pending = new Map();
    inFlight = batch.size;
    writing = track(() => writeAll([...batch.values()]))
      .then(() => {
        inFlight = 0;
      })
      .catch((error: unknown) => {
        inFlight = 0;
        // Back in the queue unless a newer write of the same key came meanwhile; tried again a little later.
        for (const [id, write] of batch) if (!pending.has(id) && pending.size < maxPendingWrites) pending.set(id, write);
        holdUntil = Date.now() + retryDelayMs;
        log?.warn({ scope, err: error, pending: pending.size }, 'last-known values not written to PostgreSQL; will retry');
      })
      .finally(() => {
        writing = undefined;
        if (pending.size > 0) schedule(0);
      });
    return writing;
  };

  /** Three statements, each atomic; no transaction needed: a list whose records are missing is not served. */
  const writeAll = async (writes: readonly Write[]) => {
    // Sorted keys: two replicas upserting overlapping keys lock them in the same order (no deadlock).
    const byKey = <W extends { readonly key: string }>(a: W, b: W) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    const records = writes.filter((w) => w.kind === 'record').sort(byKey);
    const forgets = writes.filter((w) => w.kind === 'forget').sort(byKey);
    const lists = writes.filter((w) => w.kind === 'list').sort((a, b) => (a.listKey < b.listKey ? -1 : a.listKey > b.listKey ? 1 : 0));
    // A replica's older read never overwrites a newer one another replica wrote.
    if (records.length > 0) {
      await pool.query(
        `INSERT INTO last_known_records (scope, key, value, seen_at)
         SELECT $1, u.key, u.value::jsonb, u.seen_at FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(key, value, seen_at)
         ON CONFLICT (scope, key) DO UPDATE SET value = EXCLUDED.value, seen_at = EXCLUDED.seen_at WHERE last_known_records.seen_at <= EXCLUDED.seen_at`,
        [scope, records.map((w) => w.key), records.map((w) => w.value), records.map((w) => w.seenAt)],
      );
    }
    if (forgets.length > 0) {
      await pool.query(
        `DELETE FROM last_known_records AS r USING unnest($2::text[], $3::bigint[]) AS u(key, at)
         WHERE r.scope = $1 AND r.key = u.key AND r.seen_at <= u.at`,
        [scope, forgets.map((w) => w.key), forgets.map((w) => w.at)],
      );
    }
    if (lists.length > 0) {
      await pool.query(
        `INSERT INTO last_known_lists (scope, list_key, keys, seen_at)
         SELECT $1, u.list_key, ARRAY(SELECT jsonb_array_elements_text(u.keys::jsonb)), u.seen_at
         FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(list_key, keys, seen_at)
         ON CONFLICT (scope, list_key) DO UPDATE SET keys = EXCLUDED.keys, seen_at = EXCLUDED.seen_at WHERE last_known_lists.seen_at <= EXCLUDED.seen_at`,
        [scope, lists.map((w) => w.listKey), lists.map((w) => JSON.stringify(w.keys)), lists.map((w) => w.seenAt)],
      );
    }
  };

  /** Rejects after `recallTimeoutMs`; the query itself ends on its own (the pool's statement timeout bounds it). */
  const bounded = <T>(work: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`last-known recall from PostgreSQL took more than ${recallTimeoutMs} ms`)), recallTimeoutMs);
      work.then(
        (value) => {
          clearTimeout(timeout);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timeout);
          reject(error);
        },
      );
    });

  const isoOf = (seenAt: string | number) => new Date(Number(seenAt)).toISOString();

  const readRecords = async (keys: readonly string[]): Promise<Map<string, Remembered<R>>> => {
    const { rows } = await pool.query<{ key: string; value: R; seen_at: string }>('SELECT key, value, seen_at FROM last_known_records WHERE scope = $1 AND key = ANY($2::text[]) AND seen_at > $3', [
      scope,
      [...keys],
      clock() - maxAgeMs,
    ]);
    return new Map(rows.map((row) => [row.key, { value: row.value, asOf: isoOf(row.seen_at) }]));
  };

  // The keys a batch of fallbacks asks for in one tick (`withLastKnown` asks for all of them at once): one query.
  let waiting = new Map<string, Waiter<R>[]>();
  const recallWaiting = async () => {
    const batch = waiting;
    waiting = new Map();
    let found = new Map<string, Remembered<R>>();
    try {
      found = await track(() => bounded(readRecords([...batch.keys()])));
    } catch (error) {
      log?.warn({ scope, err: error }, 'last-known values not read from PostgreSQL; answering from this process only');
    }
    for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
  };

  const flush = async () => {
    await writing;
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    await writeBatch();
  };

  let purgeTimer: NodeJS.Timeout | undefined;
  const purge = () =>
    track(() =>
      withTransaction(pool, async (client) => {
        // One replica purges at a time; the others skip this round.
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`guichet-last-known-purge:${scope}`]);
        if (!rows[0]?.locked) return { records: 0, lists: 0 };
        const cutoff = clock() - maxAgeMs;
        const deleted = async (table: 'last_known_records' | 'last_known_lists', key: 'key' | 'list_key') => {
          const old = await client.query(`DELETE FROM ${table} WHERE scope = $1 AND seen_at <= $2`, [scope, cutoff]);
          const over = await client.query(`DELETE FROM ${table} WHERE scope = $1 AND ${key} IN (SELECT ${key} FROM ${table} WHERE scope = $1 ORDER BY seen_at DESC, ${key} OFFSET $2)`, [
            scope,
            maxRows,
          ]);
          return (old.rowCount ?? 0) + (over.rowCount ?? 0);
        };
        return { records: await deleted('last_known_records', 'key'), lists: await deleted('last_known_lists', 'list_key') };
      }),
    );
  if (purgeIntervalMs > 0) {
    purgeTimer = setInterval(() => {
      purge().catch((error: unknown) => log?.warn({ scope, err: error }, 'last-known purge failed'));
    }, purgeIntervalMs);
    purgeTimer.unref();
  }

  return {
    rememberRecord(key, record) {
      local.rememberRecord(key, record);
      queue(`r:${key}`, { kind: 'record', key, value: JSON.stringify(record), seenAt: clock() });
    },
    recallRecord(key) {
      const mine = local.recallRecord(key);
      if (mine || closed) return mine;
      return new Promise<Remembered<R> | undefined>((resolve) => {
        const waiters = waiting.get(key);
        if (waiters) waiters.push({ resolve });
        else {
          if (waiting.size === 0) queueMicrotask(() => void recallWaiting());
          waiting.set(key, [{ resolve }]);
        }
      });
    },
    forgetRecord(key) {
      local.forgetRecord(key);
      queue(`r:${key}`, { kind: 'forget', key, at: clock() });
    },
    rememberList(listKey, entries) {
      // Kept in PostgreSQL even when too large for this process's LRU: the bound there is maxRows.
      const kept = local.rememberList(listKey, entries);
      const seenAt = clock();
      for (const [key, record] of entries) queue(`r:${key}`, { kind: 'record', key, value: JSON.stringify(record), seenAt });
      queue(`l:${listKey}`, { kind: 'list', listKey, keys: entries.map(([key]) => key), seenAt });
      return kept;
    },
    async recallList(listKey) {
      const mine = local.recallList(listKey);
      if (mine || closed) return mine;
      try {
        return await track(() =>
          bounded(
            (async (): Promise<RememberedList<R> | undefined> => {
              const { rows } = await pool.query<{ keys: string[]; seen_at: string }>('SELECT keys, seen_at FROM last_known_lists WHERE scope = $1 AND list_key = $2 AND seen_at > $3', [
                scope,
                listKey,
                clock() - maxAgeMs,
              ]);
              const list = rows[0];
              if (!list) return undefined;
              const found = list.keys.length === 0 ? new Map<string, Remembered<R>>() : await readRecords(list.keys);
              const records: Remembered<R>[] = [];
              for (const key of list.keys) {
                const record = found.get(key);
                // A list short of one dossier would lie: not served.
                if (!record) return undefined;
                records.push(record);
              }
              return { asOf: isoOf(list.seen_at), records };
            })(),
          ),
        );
      } catch (error) {
        log?.warn({ scope, err: error }, 'last-known list not read from PostgreSQL; answering from this process only');
        return undefined;
      }
    },
    flush,
    purge,
    pendingWrites: () => pending.size + inFlight,
    async close() {
      if (purgeTimer) clearInterval(purgeTimer);
      await flush();
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
