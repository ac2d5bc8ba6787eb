import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../../lib/postgres/index.js';
import type { DocumentStore, NewDocument, StoredDocument } from './document-store.js';
import { toStoredDocument, type DocumentRow } from './document-row.js';

export interface PostgresDocumentStoreOptions {
  /** A pool on a database migrated with `documentsPostgresMigrations` (the caller owns it and ends it). */
  readonly pool: pg.Pool;
  /** Default `Date.now`. */
  readonly clock?: () => number;
}

/** PostgreSQL's foreign-key violation: bytes another id still points at. */
const foreignKeyViolation = '23503';

/**
 * The scaled store: bytes in `bytea`, content-addressed, shared by every replica of the gateway and the subgraphs.
 * Documents are at most `DOCUMENTS_MAX_BYTES` (10 MB by default), well within what bytea and one round trip carry.
 */
export function createPostgresDocumentStore({ pool, clock = Date.now }: PostgresDocumentStoreOptions): DocumentStore {
  return {
    async put(document: NewDocument): Promise<StoredDocument> {
      return withTransaction(pool, async (client) => {
        // DO UPDATE, not DO NOTHING: it locks the bytes' row, so a concurrent delete of their last id waits for this
        // insert and then finds it (the foreign key refuses that delete), instead of removing bytes about to be used.
        await client.query('INSERT INTO document_blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256', [document.sha256, document.bytes]);
        const { rows } = await client.query<DocumentRow>(
          `INSERT INTO documents (id, owner_subject, owner_niu, kind, media_type, size, sha256, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [randomUUID(), document.owner.subject, document.owner.niu, document.kind, document.mediaType, document.bytes.length, document.sha256, clock()],
        );
        const row = rows[0];
        if (row === undefined) throw new Error('document insert returned no row');
        return toStoredDocument(row);
      });
    },
    async find(id) {
      const { rows } = await pool.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : toStoredDocument(rows[0]);
    },
    async read(id) {
      const { rows } = await pool.query<{ bytes: Buffer }>('SELECT b.bytes FROM documents d JOIN document_blobs b ON b.sha256 = d.sha256 WHERE d.id = $1', [id]);
      return rows[0]?.bytes;
    },
    async markReferenced(ids, reference) {
      if (ids.length === 0) return [];
      return withTransaction(pool, async (client) => {
        // Locked, so that two filings naming the same document cannot both take it.
        const { rows } = await client.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[]) AND (referenced_by IS NULL OR referenced_by = $2) FOR UPDATE', [ids, reference]);
        const markable = new Set(rows.map((row) => row.id));
        const refused = ids.filter((id) => !markable.has(id));
        if (refused.length === 0) await client.query('UPDATE documents SET referenced_by = $2 WHERE id = ANY($1::text[])', [ids, reference]);
        return refused;
      });
    },
    async delete(id) {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ sha256: string }>('DELETE FROM documents WHERE id = $1 RETURNING sha256', [id]);
        const sha256 = rows[0]?.sha256;
        if (sha256 === undefined) return false;
        await client.query('SAVEPOINT bytes');
        try {
          await client.query('DELETE FROM document_blobs WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = $1)', [sha256]);
        } catch (error) {
          // Another id took the same bytes meanwhile (another replica's upload): they stay.
          if ((error as { code?: string }).code !== foreignKeyViolation) throw error;
          await client.query('ROLLBACK TO SAVEPOINT bytes');
        }
        return true;
      });
    },
    async listReferencedBy(reference) {
      const { rows } = await pool.query<DocumentRow>('SELECT * FROM documents WHERE referenced_by = $1 ORDER BY created_at, id', [reference]);
      return rows.map(toStoredDocument);
    },
    async listUnreferencedBefore(cutoff, limit) {
      const { rows } = await pool.query<DocumentRow>('SELECT * FROM documents WHERE referenced_by IS NULL AND created_at < $1 ORDER BY created_at, id LIMIT $2', [cutoff.getTime(), limit]);
      return rows.map(toStoredDocument);
    },
    async close() {
      // The pool is the caller's.
    },
  };
}
