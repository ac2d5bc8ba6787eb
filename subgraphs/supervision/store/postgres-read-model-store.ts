import type { LegacySystem } from '../../../adapters/shared/index.js';
import { migratePostgres, type PgClient, type PgPool } from '../../../lib/postgres/index.js';
import { withTransaction } from '../../../lib/postgres/index.js';
import { createStoreHealth, type StoreHealth } from '../../../lib/store-health/index.js';
import type { DossierStatus } from '../../../schema/index.js';
import type { DossierFact } from '../read-model/index.js';
import { NotLeaderError } from './not-leader-error.js';
import { formatCursor, parseCursor, type DossierEvent } from '../../../events/index.js';
import type { DossierEventLog, DossierEventPage, NewDossierEvent } from '../events/index.js';
import type { ReadModelStore } from './read-model-store.js';
import { supervisionPostgresComponent, supervisionPostgresMigrations } from './supervision-postgres-migrations.js';

export interface PostgresReadModelStoreOptions {
  /** Shared with the rest of the process; the store never ends it. */
  readonly pool: PgPool;
  /** What the facts were read from (the legacy systems' URLs): stored facts from other sources are deleted on open. */
  readonly sources: string;
  /**
   * The replica id a save must hold the leader's lease under (`createPostgresLeaderLease`): a save by a replica
   * that lost the lease is refused with `NotLeaderError`, so a stalled former leader never writes over its successor.
   * Absent: every save is accepted (one writer by construction, the contract tests).
   */
  readonly leaseHolder?: string;
  /** Default: a health of its own (`supervision-read-model`, `postgres`). */
  readonly health?: StoreHealth;
}

/** One feed as the leader last saved it. */
export interface StoredFeed {
  readonly cursorMs: number;
  /** When the leader saved its last successful poll (the database's clock, epoch ms). */
  readonly savedAtMs: number;
}

/** What changed in the shared read model after a revision, read in one snapshot. */
export interface ReadModelChanges {
  /** The revision this snapshot is at: pass it to the next `changesSince`. */
  readonly revision: number;
  /** Facts written after the revision asked for (their latest version). */
  readonly facts: readonly DossierFact[];
  /** Every feed's cursor (all of them, not only the changed ones). */
  readonly feeds: ReadonlyMap<LegacySystem, StoredFeed>;
}

export interface PostgresReadModelStore extends ReadModelStore {
  /** Facts saved after `revision` (0: all) and every feed's cursor: how a replica that does not ingest stays fresh. */
  changesSince(revision: number): Promise<ReadModelChanges>;
  readonly health: StoreHealth;
}

interface FactRow {
  key: string;
  system: string;
  procedure: string;
  commune: string | null;
  status: string;
  submitted_ms: string;
  decided_ms: string | null;
  updated_ms: string;
}

/** Rows per INSERT: an initial load (30,000 dossiers for RNEC) in a few statements, each well inside the statement timeout. */
const CHUNK = 5_000;

const factOfRow = (r: FactRow): DossierFact => ({
  key: r.key,
  system: r.system as LegacySystem,
  procedure: r.procedure,
  commune: r.commune,
  status: r.status as DossierStatus,
  submittedMs: Number(r.submitted_ms),
  decidedMs: r.decided_ms === null ? null : Number(r.decided_ms),
  updatedMs: Number(r.updated_ms),
});

/**
 * The read model in PostgreSQL, shared by every replica of the supervision subgraph: the leader saves each poll
 * (facts and cursor in one transaction, numbered by a revision), the others read what changed since their last
 * reload. Applies its migrations on open.
 */
export async function openPostgresReadModelStore(options: PostgresReadModelStoreOptions): Promise<PostgresReadModelStore> {
  const { pool, sources, leaseHolder } = options;
  const health = options.health ?? createStoreHealth({ store: 'supervision-read-model', engine: 'postgres', whileDown: 'stale-reads' });
  await health.track(async () => {
    await migratePostgres(pool, supervisionPostgresComponent, supervisionPostgresMigrations);
    await withTransaction(pool, async (client) => {
      // Replicas opening together: one decides, the others then find the sources already recorded.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['guichet-supervision:sources']);
      const { rows } = await client.query<{ value: string }>(`SELECT value FROM supervision_meta WHERE name = 'sources'`);
      if (rows[0]?.value === sources) return;
      await client.query('DELETE FROM supervision_facts');
      await client.query('DELETE FROM supervision_cursors');
      await client.query(`INSERT INTO supervision_meta (name, value) VALUES ('sources', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [sources]);
    });
  });

  const changesSince = (revision: number): Promise<ReadModelChanges> =>
    health.track(() =>
      withTransaction(pool, async (client) => {
        // One snapshot: the revision read and the facts read agree (saves commit in revision order).
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const current = await client.query<{ revision: string }>('SELECT revision FROM supervision_revision WHERE id = 1');
        const facts = await client.query<FactRow>('SELECT key, system, procedure, commune, status, submitted_ms, decided_ms, updated_ms FROM supervision_facts WHERE revision > $1', [revision]);
        const cursors = await client.query<{ system: string; cursor_ms: string; saved_at_ms: string }>(
          'SELECT system, cursor_ms, (extract(epoch FROM saved_at) * 1000)::bigint AS saved_at_ms FROM supervision_cursors',
        );
        return {
          revision: Number(current.rows[0]?.revision ?? 0),
          facts: facts.rows.map(factOfRow),
          feeds: new Map(cursors.rows.map((c) => [c.system as LegacySystem, { cursorMs: Number(c.cursor_ms), savedAtMs: Number(c.saved_at_ms) }])),
        };
      }),
    );

  /** Whether this replica holds the leader's lease (always, without `leaseHolder`), checked inside a save. */
  const holdsLease = async (client: PgClient): Promise<boolean> => {
    if (leaseHolder === undefined) return true;
    // FOR SHARE: a successor's takeover (an UPDATE of that row) waits for this save to commit, so it reads it.
    const held = await client.query('SELECT 1 FROM supervision_leader WHERE id = 1 AND holder = $1 AND expires_at > clock_timestamp() FOR SHARE', [leaseHolder]);
    return (held.rowCount ?? 0) > 0;
  };
  const appendEvents = async (client: PgClient, events: readonly NewDossierEvent[]): Promise<void> => {
    if (events.length === 0) return;
    // unnest WITH ORDINALITY: the events are numbered in the order the poll made them.
    await client.query(
      `INSERT INTO supervision_events (appended_ms, body)
       SELECT $1, e.body FROM unnest($2::jsonb[]) WITH ORDINALITY AS e (body, n) ORDER BY e.n`,
      [Date.now(), events.map((event) => JSON.stringify(event))],
    );
  };

  return {
    health,
    changesSince,
    async load() {
      const { facts, feeds } = await changesSince(0);
      return { facts, cursors: new Map([...feeds].map(([system, feed]) => [system, feed.cursorMs])) };
    },
    events: postgresEventLog(pool, health),
    async save(system, batch, cursorMs, events = []) {
      // A feed may list a dossier twice: its last version wins, as with one upsert after another.
      const latest = new Map<string, DossierFact>();
      for (const fact of batch) latest.set(fact.key, fact);
      const facts = [...latest.values()];
      const outcome = await health.track(() =>
        withTransaction(pool, async (client) => {
          if (!(await holdsLease(client))) return 'not-leader' as const;
          const bumped = await client.query<{ revision: string }>('UPDATE supervision_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision');
          const revision = Number(bumped.rows[0]?.revision);
          for (let start = 0; start < facts.length; start += CHUNK) {
            const chunk = facts.slice(start, start + CHUNK);
            await client.query(
              `INSERT INTO supervision_facts (key, system, procedure, commune, status, submitted_ms, decided_ms, updated_ms, revision)
               SELECT key, system, procedure, commune, status, submitted_ms, decided_ms, updated_ms, $9
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
                 AS f (key, system, procedure, commune, status, submitted_ms, decided_ms, updated_ms)
               ON CONFLICT (key) DO UPDATE SET system = excluded.system, procedure = excluded.procedure, commune = excluded.commune, status = excluded.status,
                 submitted_ms = excluded.submitted_ms, decided_ms = excluded.decided_ms, updated_ms = excluded.updated_ms, revision = excluded.revision`,
              [
                chunk.map((f) => f.key),
                chunk.map((f) => f.system),
                chunk.map((f) => f.procedure),
                chunk.map((f) => f.commune),
                chunk.map((f) => f.status),
                chunk.map((f) => f.submittedMs),
                chunk.map((f) => f.decidedMs),
                chunk.map((f) => f.updatedMs),
                revision,
              ],
            );
          }
          await client.query(
            `INSERT INTO supervision_cursors (system, cursor_ms, saved_at) VALUES ($1, $2, clock_timestamp())
             ON CONFLICT (system) DO UPDATE SET cursor_ms = excluded.cursor_ms, saved_at = excluded.saved_at`,
            [system, cursorMs],
          );
          await appendEvents(client, events);
          return 'saved' as const;
        }),
      );
      if (outcome === 'not-leader') throw new NotLeaderError(leaseHolder ?? '');
    },
    async saveOutcomes(source, cursor, events) {
      const outcome = await health.track(() =>
        withTransaction(pool, async (client) => {
          if (!(await holdsLease(client))) return 'not-leader' as const;
          // The revision's row lock, as in `save`: event numbers are drawn and committed in order.
          await client.query('UPDATE supervision_revision SET revision = revision + 1 WHERE id = 1');
          await client.query(
            `INSERT INTO supervision_outbox_cursors (source, cursor, saved_at) VALUES ($1, $2, clock_timestamp())
             ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, saved_at = excluded.saved_at`,
            [source, cursor],
          );
          await appendEvents(client, events);
          return 'saved' as const;
        }),
      );
      if (outcome === 'not-leader') throw new NotLeaderError(leaseHolder ?? '');
    },
    outboxCursors: () =>
      health.track(async () => {
        const { rows } = await pool.query<{ source: string; cursor: string }>('SELECT source, cursor FROM supervision_outbox_cursors');
        return new Map(rows.map((r) => [r.source, r.cursor]));
      }),
    async close() {},
  };
}

const prunedThroughSql = `SELECT COALESCE((SELECT value::bigint FROM supervision_meta WHERE name = 'events_pruned_through'), 0) AS pruned`;

/** The event log in the shared database: every replica reads it, the leader appends (in `save`) and prunes. */
function postgresEventLog(pool: PgPool, health: StoreHealth): DossierEventLog {
  return {
    readAfter(cursor, limit) {
      const asked = parseCursor(cursor);
      if (asked === null) return Promise.reject(new RangeError(`not a cursor: ${cursor}`));
      return health.track(() =>
        withTransaction(pool, async (client): Promise<DossierEventPage> => {
          // One snapshot: the bounds and the events agree, whatever a prune does meanwhile.
          await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          const bounds = await client.query<{ pruned: string; low: string | null; high: string | null }>(
            `SELECT (${prunedThroughSql}) AS pruned, (SELECT min(seq) FROM supervision_events) AS low, (SELECT max(seq) FROM supervision_events) AS high`,
          );
          const row = bounds.rows[0];
          const pruned = BigInt(row?.pruned ?? 0);
          const head = row?.high == null ? pruned : BigInt(row.high) > pruned ? BigInt(row.high) : pruned;
          const outside = asked < pruned || asked > head;
          const from = outside ? pruned : asked;
          const { rows } = await client.query<{ seq: string; body: Omit<DossierEvent, 'cursor'> }>('SELECT seq, body FROM supervision_events WHERE seq > $1 ORDER BY seq LIMIT $2', [
            from.toString(),
            limit,
          ]);
          const events = rows.map((r): DossierEvent => ({ cursor: formatCursor(BigInt(r.seq)), ...r.body }));
          return { events, reset: outside ? { oldest: formatCursor(row?.low == null ? head : BigInt(row.low)) } : null };
        }),
      );
    },
    head() {
      return health.track(async () => {
        const { rows } = await pool.query<{ head: string }>(`SELECT GREATEST((SELECT max(seq) FROM supervision_events), (${prunedThroughSql})) AS head`);
        return formatCursor(BigInt(rows[0]?.head ?? 0));
      });
    },
    prune(beforeMs) {
      return health.track(() =>
        withTransaction(pool, async (client) => {
          // A prefix only: the events up to the newest one appended before the limit.
          const last = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM supervision_events WHERE appended_ms < $1', [beforeMs]);
          const through = last.rows[0]?.seq ?? null;
          if (through === null) return 0;
          const deleted = await client.query('DELETE FROM supervision_events WHERE seq <= $1', [through]);
          await client.query(
            `INSERT INTO supervision_meta (name, value) VALUES ('events_pruned_through', $1)
             ON CONFLICT (name) DO UPDATE SET value = GREATEST(supervision_meta.value::bigint, excluded.value::bigint)::text`,
            [through],
          );
          return deleted.rowCount ?? 0;
        }),
      );
    },
  };
}
