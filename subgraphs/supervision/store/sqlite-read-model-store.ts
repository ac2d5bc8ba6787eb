import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { DossierStatus } from '../../../schema/index.js';
import type { DossierFact } from '../read-model/index.js';
import { formatCursor, parseCursor, type DossierEvent } from '../../../events/index.js';
import type { DossierEventLog, NewDossierEvent } from '../events/index.js';
import type { ReadModelStore } from './read-model-store.js';

export interface SqliteReadModelStoreOptions {
  /** The database file (parent directories are created), or `:memory:`. */
  readonly path: string;
  /**
   * What the facts were read from (the legacy systems' URLs): a store built from other sources is emptied on open
   * rather than mixed with them, and the feeds are read again from the start.
   */
  readonly sources: string;
}

const schema = `
  CREATE TABLE IF NOT EXISTS facts (
    key          TEXT PRIMARY KEY,
    system       TEXT NOT NULL,
    procedure    TEXT NOT NULL,
    commune      TEXT,
    status       TEXT NOT NULL,
    submitted_ms INTEGER NOT NULL,
    decided_ms   INTEGER,
    updated_ms   INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS cursors (system TEXT PRIMARY KEY, cursor_ms INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS outbox_cursors (source TEXT PRIMARY KEY, cursor TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS dossier_events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    appended_ms INTEGER NOT NULL,
    body        TEXT NOT NULL
  ) STRICT;`;

interface FactRow {
  key: string;
  system: string;
  procedure: string;
  commune: string | null;
  status: string;
  submitted_ms: number;
  decided_ms: number | null;
  updated_ms: number;
}

/**
 * One SQLite file (WAL, `synchronous = NORMAL`): the facts can always be read again from the feeds, so a power cut
 * may cost the last polls, never consistency — a poll's facts and its cursor are committed together.
 */
export function createSqliteReadModelStore(options: SqliteReadModelStoreOptions): ReadModelStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(options.path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(schema);
    const stored = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE name = 'sources'`).get();
    if (stored?.value !== options.sources) {
      db.transaction(() => {
        db.exec('DELETE FROM facts; DELETE FROM cursors;');
        db.prepare(`INSERT INTO meta (name, value) VALUES ('sources', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(options.sources);
      })();
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const upsert = db.prepare<FactRow>(
    `INSERT INTO facts (key, system, procedure, commune, status, submitted_ms, decided_ms, updated_ms)
     VALUES (@key, @system, @procedure, @commune, @status, @submitted_ms, @decided_ms, @updated_ms)
     ON CONFLICT (key) DO UPDATE SET system = excluded.system, procedure = excluded.procedure, commune = excluded.commune,
       status = excluded.status, submitted_ms = excluded.submitted_ms, decided_ms = excluded.decided_ms, updated_ms = excluded.updated_ms`,
  );
  const setCursor = db.prepare<[string, number]>(`INSERT INTO cursors (system, cursor_ms) VALUES (?, ?) ON CONFLICT (system) DO UPDATE SET cursor_ms = excluded.cursor_ms`);
  const appendEvent = db.prepare<[number, string]>('INSERT INTO dossier_events (appended_ms, body) VALUES (?, ?)');
  const save = db.transaction((system: LegacySystem, facts: readonly DossierFact[], cursorMs: number, events: readonly NewDossierEvent[]) => {
    for (const f of facts) {
      upsert.run({ key: f.key, system: f.system, procedure: f.procedure, commune: f.commune, status: f.status, submitted_ms: f.submittedMs, decided_ms: f.decidedMs, updated_ms: f.updatedMs });
    }
    setCursor.run(system, cursorMs);
    const appendedMs = Date.now();
    for (const event of events) appendEvent.run(appendedMs, JSON.stringify(event));
  });
  const setOutboxCursor = db.prepare<[string, string]>(`INSERT INTO outbox_cursors (source, cursor) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor`);
  const saveOutcomes = db.transaction((source: string, cursor: string, events: readonly NewDossierEvent[]) => {
    setOutboxCursor.run(source, cursor);
    const appendedMs = Date.now();
    for (const event of events) appendEvent.run(appendedMs, JSON.stringify(event));
  });
  return {
    events: sqliteEventLog(db),
    async saveOutcomes(source, cursor, events) {
      saveOutcomes.immediate(source, cursor, events);
    },
    async outboxCursors() {
      const rows = db.prepare<[], { source: string; cursor: string }>('SELECT source, cursor FROM outbox_cursors').all();
      return new Map(rows.map((r) => [r.source, r.cursor]));
    },
    async load() {
      const rows = db.prepare<[], FactRow>('SELECT * FROM facts').all();
      const cursors = db.prepare<[], { system: string; cursor_ms: number }>('SELECT system, cursor_ms FROM cursors').all();
      return {
        facts: rows.map((r) => ({
          key: r.key,
          system: r.system as LegacySystem,
          procedure: r.procedure,
          commune: r.commune,
          status: r.status as DossierStatus,
          submittedMs: r.submitted_ms,
          decidedMs: r.decided_ms,
          updatedMs: r.updated_ms,
        })),
        cursors: new Map(cursors.map((c) => [c.system as LegacySystem, c.cursor_ms])),
      };
    },
    async save(system, facts, cursorMs, events = []) {
      save.immediate(system, facts, cursorMs, events);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * The event log in the same file. `events_pruned_through` (meta) is the newest cursor pruned: a reader behind it has
 * missed events and is told so. AUTOINCREMENT: a cursor is never reused, even once every event is pruned.
 */
function sqliteEventLog(db: BetterSqlite3.Database): DossierEventLog {
  const prunedThrough = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE name = 'events_pruned_through'`);
  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM dossier_events');
  const minSeq = db.prepare<[], { seq: number | null }>('SELECT min(seq) AS seq FROM dossier_events');
  const after = db.prepare<[number, number], { seq: number; body: string }>('SELECT seq, body FROM dossier_events WHERE seq > ? ORDER BY seq LIMIT ?');
  const lastBefore = db.prepare<[number], { seq: number | null }>('SELECT max(seq) AS seq FROM dossier_events WHERE appended_ms < ?');
  const deleteThrough = db.prepare<[number]>('DELETE FROM dossier_events WHERE seq <= ?');
  const setPruned = db.prepare<[string]>(`INSERT INTO meta (name, value) VALUES ('events_pruned_through', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
  const pruned = () => Number(prunedThrough.get()?.value ?? 0);
  const head = () => Math.max(maxSeq.get()?.seq ?? 0, pruned());
  const read = db.transaction((asked: bigint, limit: number) => {
    const low = pruned();
    const high = head();
    const outside = asked < BigInt(low) || asked > BigInt(high);
    const rows = after.all(outside ? low : Number(asked), limit);
    const events = rows.map((r): DossierEvent => ({ cursor: formatCursor(r.seq), ...(JSON.parse(r.body) as Omit<DossierEvent, 'cursor'>) }));
    return { events, reset: outside ? { oldest: formatCursor(minSeq.get()?.seq ?? high) } : null };
  });
  // A prefix only: the events up to the newest one appended before the limit.
  const prune = db.transaction((beforeMs: number) => {
    const through = lastBefore.get(beforeMs)?.seq ?? null;
    if (through === null) return 0;
    const { changes } = deleteThrough.run(through);
    setPruned.run(String(Math.max(through, pruned())));
    return changes;
  });
  return {
    async readAfter(cursor, limit) {
      const asked = parseCursor(cursor);
      if (asked === null) throw new RangeError(`not a cursor: ${cursor}`);
      return read.deferred(asked, limit);
    },
    async head() {
      return formatCursor(head());
    },
    async prune(beforeMs) {
      return prune.immediate(beforeMs);
    },
  };
}
