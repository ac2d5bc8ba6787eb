import type { Database } from 'better-sqlite3';

/**
 * Brings a SQLite database up to the last of `migrations` (its `user_version` counts those applied); refuses one
 * written by a newer Guichet rather than guess. One immediate transaction: two processes opening the same new file
 * cannot both create the tables.
 */
export function migrateSqlite(db: Database, what: string, migrations: readonly string[]): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) throw new Error(`${what} database is at schema version ${current}, newer than this code (${migrations.length})`);
  db.transaction(() => {
    const inside = Number(db.pragma('user_version', { simple: true }));
    for (let version = inside; version < migrations.length; version += 1) {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}
