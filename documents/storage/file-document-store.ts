import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrateSqlite } from '../../lib/sqlite/index.js';
import type { DocumentStore, NewDocument, StoredDocument } from './document-store.js';
import { toStoredDocument, type DocumentRow } from './document-row.js';
import { sqliteDocumentMigrations } from './sqlite-document-migrations.js';

export interface FileDocumentStoreOptions {
  /** The store's folder: `blobs/<2 hex>/<sha256>` and the index `documents.db` (created, owner-only). */
  readonly directory: string;
  /** Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * The embedded store: bytes content-addressed on the filesystem (written to a temporary name, then renamed, so a
 * reader never sees half a file), their descriptions in a SQLite index beside them (WAL: the gateway's workers and
 * the subgraph open the same folder).
 */
export function createFileDocumentStore({ directory, clock = Date.now }: FileDocumentStoreOptions): DocumentStore {
  // Owner-only: these are citizens' identity papers.
  mkdirSync(join(directory, 'blobs'), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(join(directory, 'documents.db'), { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrateSqlite(db, 'documents', sqliteDocumentMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = {
    insert: db.prepare<Record<string, unknown>, DocumentRow>(
      `INSERT INTO documents (id, owner_subject, owner_niu, kind, media_type, size, sha256, created_at)
       VALUES (@id, @subject, @niu, @kind, @mediaType, @size, @sha256, @now) RETURNING *`,
    ),
    find: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
    markable: db.prepare<[string, string], { id: string }>('SELECT id FROM documents WHERE id = ? AND (referenced_by IS NULL OR referenced_by = ?)'),
    mark: db.prepare<[string, string], DocumentRow>('UPDATE documents SET referenced_by = ? WHERE id = ?'),
    remove: db.prepare<[string], DocumentRow>('DELETE FROM documents WHERE id = ? RETURNING *'),
    sharing: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM documents WHERE sha256 = ?'),
    referencedBy: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE referenced_by = ? ORDER BY created_at, id'),
    unreferenced: db.prepare<[number, number], DocumentRow>('SELECT * FROM documents WHERE referenced_by IS NULL AND created_at < ? ORDER BY created_at, id LIMIT ?'),
  };
  const blobPath = (sha256: string) => join(directory, 'blobs', sha256.slice(0, 2), sha256);
  const markMany = db.transaction((ids: readonly string[], reference: string) => {
    const refused = ids.filter((id) => statements.markable.get(id, reference) === undefined);
    if (refused.length === 0) for (const id of ids) statements.mark.run(reference, id);
    return refused;
  });

  return {
    async put(document: NewDocument): Promise<StoredDocument> {
      // The row first, then the bytes, always rewritten: a delete of the last other id sharing them that ran in
      // between (another process's sweep) cannot leave this row without its bytes.
      const row = statements.insert.get({
        id: randomUUID(),
        ...document.owner,
        kind: document.kind,
        mediaType: document.mediaType,
        size: document.bytes.length,
        sha256: document.sha256,
        now: clock(),
      });
      if (row === undefined) throw new Error('document insert returned no row');
      const path = blobPath(document.sha256);
      await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomUUID()}.part`;
      await writeFile(temporary, document.bytes, { mode: 0o600, flush: true });
      await rename(temporary, path);
      return toStoredDocument(row);
    },
    async find(id) {
      const row = statements.find.get(id);
      return row === undefined ? undefined : toStoredDocument(row);
    },
    async read(id) {
      const row = statements.find.get(id);
      if (row === undefined) return undefined;
      try {
        return await readFile(blobPath(row.sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async markReferenced(ids, reference) {
      // IMMEDIATE: a deferred transaction that reads then writes cannot wait for another process's writer (SQLite
      // answers SQLITE_BUSY at once when the read snapshot is stale, whatever the busy timeout): seen in the soak as
      // "database is locked" when the gateway's workers and three subgraphs share the index.
      return markMany.immediate(ids, reference);
    },
    async delete(id) {
      const row = statements.remove.get(id);
      if (row === undefined) return false;
      if ((statements.sharing.get(row.sha256)?.n ?? 0) === 0) await unlink(blobPath(row.sha256)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      return true;
    },
    async listReferencedBy(reference) {
      return statements.referencedBy.all(reference).map(toStoredDocument);
    },
    async listUnreferencedBefore(cutoff, limit) {
      return statements.unreferenced.all(cutoff.getTime(), limit).map(toStoredDocument);
    },
    async close() {
      db.close();
    },
  };
}
