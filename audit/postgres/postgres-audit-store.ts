import { migratePostgres, withTransaction, type PgClient, type PgPool } from '../../lib/postgres/index.js';
import { createStoreHealth, type StoreHealth } from '../../lib/store-health/index.js';
import type { AuditEntry, AuditRecord, AuditVerification } from '../audit-record.js';
import { keyRankOf, sealingKey, type AuditKeyring } from '../audit-keyring.js';
import { AuditIntegrityError, listLimitOf, type AuditTrail, type ListForNiuOptions } from '../audit-store.js';
import { canonicalJson } from '../canonical-json.js';
import { emptyChainTip, genesisHash, sealEntries, type ChainTip } from '../chain.js';
import { anchorIsAuthentic, sealAnchor, type AnchorRead, type HeadAnchor } from '../head-anchor.js';
import { parseRecord } from '../parse-record.js';
import { verifyChain, type StoredLine, type WitnessedTip } from '../verify-chain.js';
import { auditPostgresComponent, auditPostgresMigrations } from './postgres-audit-migrations.js';

export interface PostgresAuditStoreOptions {
  /** The gateway's pool (`DATABASE_URL`); the store ends it on close when `ownsPool`. */
  readonly pool: PgPool;
  readonly ownsPool?: boolean;
  /** Needed to append and to verify; a reader listing records needs none. */
  readonly keyring?: AuditKeyring;
  /** Records read per round trip while verifying. Default 2000. */
  readonly pageSize?: number;
  /** Told when the server stops or starts answering (a log line). */
  readonly onHealthChange?: Parameters<typeof createStoreHealth>[0]['onChange'];
}

export interface PostgresAuditStore extends AuditTrail {
  readonly shared: true;
  readonly health: StoreHealth;
  probe(): Promise<void>;
}

/** Every writer of every replica takes this lock for the length of its append transaction: one chain, never a fork. */
const appendLockKey = 'guichet-audit-append';

interface PendingAppend {
  readonly entries: readonly AuditEntry[];
  resolve(records: readonly AuditRecord[]): void;
  reject(error: unknown): void;
}

interface HeadRow {
  seq: string;
  hash: string;
  key_id: string | null;
  mac: string;
}

/**
 * The trail in PostgreSQL: the same records (canonical JSON, hash-chained, MAC-sealed), the same anchor and the same
 * checks as the file, but any number of writers — gateway replicas on several machines — append to ONE chain. Each
 * append is one transaction that takes a transaction-level advisory lock, reads the anchor and the last record (and
 * refuses to extend a chain that does not match its anchor), seals after them, inserts, and moves the anchor:
 * writers queue on the lock, so sequence numbers never collide and the chain never forks. Appends of one process are
 * grouped (one transaction per group), as the file store does.
 *
 * Server down: appends reject (the gateway answers AUDIT_UNAVAILABLE: no record, no data) and `health` says so; the
 * pool opens new connections when the server is back, so the trail recovers by itself.
 */
export function createPostgresAuditStore({ pool, ownsPool = false, keyring, pageSize = 2_000, onHealthChange }: PostgresAuditStoreOptions): PostgresAuditStore {
  const health = createStoreHealth({ store: 'audit', engine: 'postgres', whileDown: 'fail-closed', ...(onHealthChange ? { onChange: onHealthChange } : {}) });
  const requireKey = (what: string): AuditKeyring => {
    if (!keyring) throw new Error(`the audit HMAC key is needed to ${what}`);
    return keyring;
  };
  let migrated: Promise<unknown> | undefined;
  const migrate = () =>
    (migrated ??= migratePostgres(pool, auditPostgresComponent, auditPostgresMigrations).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    }));
  /** Reaching the server is tracked in `health`; a chain the anchor does not vouch for is not the server's fault. */
  const tracked = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      const result = await operation();
      health.succeeded();
      return result;
    } catch (error) {
      if (error instanceof AuditIntegrityError || error instanceof KeyringBehindError) health.succeeded();
      else health.failed(error);
      throw error;
    }
  };

  /** In one transaction, under the lock: one statement at a time (pg queues them on the client anyway). */
  const inLockedTransaction = async <T>(work: (client: PgClient) => Promise<T>): Promise<T> => {
    await migrate();
    return withTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [appendLockKey]);
      return work(client);
    });
  };

  /**
   * Where the chain ends, proven: the anchor authentic, and the last record the one it vouches for. Records and
   * anchor move in one transaction, so any difference is damage (rows deleted or inserted behind the writers' back).
   * A writer that does not know the last record's key (another replica rotated first) must not seal after it.
   */
  const provenTip = async (client: PgClient, ring: AuditKeyring): Promise<{ tip: ChainTip; anchor: HeadAnchor | undefined }> => {
    const head = await client.query<HeadRow>('SELECT seq, hash, key_id, mac FROM audit_head');
    const last = await client.query<{ record: string }>('SELECT record FROM audit_records ORDER BY seq DESC LIMIT 1');
    const lastText = last.rows[0]?.record;
    const lastRecord = lastText === undefined ? undefined : parseRecord(lastText);
    if (lastText !== undefined && !lastRecord) throw new AuditIntegrityError('the last row of audit_records is not an audit record');
    const row = head.rows[0];
    if (!row) {
      if (lastRecord) throw new AuditIntegrityError('anchor row missing beside a non-empty trail');
      return { tip: emptyChainTip, anchor: undefined };
    }
    const anchor: HeadAnchor = { seq: Number(row.seq), hash: row.hash, ...(row.key_id === null ? {} : { keyId: row.key_id }), mac: row.mac };
    if (!anchorIsAuthentic(ring, anchor)) {
      if (keyRankOf(ring, anchor.keyId) === undefined) throw new KeyringBehindError(anchor.keyId);
      throw new AuditIntegrityError('anchor MAC invalid');
    }
    const tipSeq = lastRecord?.seq ?? 0;
    if (tipSeq !== anchor.seq) throw new AuditIntegrityError(`trail ends at seq ${tipSeq} but the anchor says ${anchor.seq}`);
    if ((lastRecord?.hash ?? genesisHash) !== anchor.hash) throw new AuditIntegrityError(`record seq ${anchor.seq} is not the one the anchor vouches for`);
    if (lastRecord && keyRankOf(ring, lastRecord.keyId) === undefined) throw new KeyringBehindError(lastRecord.keyId);
    return { tip: { seq: anchor.seq, hash: anchor.hash }, anchor };
  };

  const moveAnchor = (client: PgClient, anchor: HeadAnchor) =>
    client.query(
      `INSERT INTO audit_head (id, seq, hash, key_id, mac) VALUES (true, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, key_id = EXCLUDED.key_id, mac = EXCLUDED.mac`,
      [anchor.seq, anchor.hash, anchor.keyId ?? null, anchor.mac],
    );

  const writeGroup = (entries: readonly AuditEntry[]): Promise<AuditRecord[]> =>
    inLockedTransaction(async (client) => {
      const ring = requireKey('append');
      const key = sealingKey(ring);
      // The sealing key is the last of the ring: never older than a key the ring knows (provenTip refused the others).
      const { tip } = await provenTip(client, ring);
      const sealed = sealEntries(entries, tip, key);
      await client.query('INSERT INTO audit_records (seq, niu, record) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])', [
        sealed.records.map((record) => record.seq),
        sealed.records.map((record) => record.niu),
        sealed.records.map((record) => canonicalJson(record)),
      ]);
      await moveAnchor(client, sealAnchor(key, sealed.tip));
      return sealed.records;
    });

  let pending: PendingAppend[] = [];
  let flushing: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const group = pending;
      pending = [];
      try {
        const records = await tracked(() => writeGroup(group.flatMap((append) => append.entries)));
        let next = 0;
        for (const append of group) {
          append.resolve(records.slice(next, next + append.entries.length));
          next += append.entries.length;
        }
      } catch (error) {
        for (const append of group) append.reject(error);
      }
    }
  };
  const scheduleFlush = () => {
    flushing ??= flush().finally(() => {
      flushing = undefined;
      if (pending.length > 0) scheduleFlush();
    });
  };

  /** Anchor and records from one snapshot, so that appends running meanwhile cannot make them disagree. */
  const verifySnapshot = (witnessed: AsyncIterable<WitnessedTip> | Iterable<WitnessedTip>): Promise<AuditVerification> =>
    tracked(async () => {
      const ring = requireKey('verify');
      await migrate();
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const head = await client.query<HeadRow>('SELECT seq, hash, key_id, mac FROM audit_head');
        const row = head.rows[0];
        const anchorRead: AnchorRead = row
          ? { kind: 'found', anchor: { seq: Number(row.seq), hash: row.hash, ...(row.key_id === null ? {} : { keyId: row.key_id }), mac: row.mac } }
          : { kind: 'missing' };
        async function* lines(): AsyncGenerator<StoredLine> {
          // Pages by position, not by seq: a row with a seq out of place must still be read, in the order it sits.
          for (let offset = 0; ; offset += pageSize) {
            const page = await client.query<{ record: string }>('SELECT record FROM audit_records ORDER BY seq LIMIT $1 OFFSET $2', [pageSize, offset]);
            for (const { record } of page.rows) yield { record: parseRecord(record), terminated: true };
            if (page.rows.length < pageSize) return;
          }
        }
        const result = await verifyChain(lines(), anchorRead, ring, witnessed);
        await client.query('COMMIT');
        return result;
      } finally {
        client.release();
      }
    });

  const recordsOf = (rows: readonly { record: string }[]) => rows.map((row) => parseRecord(row.record)).filter((record): record is AuditRecord => record !== undefined);

  return {
    shared: true,
    health,
    async open() {
      return tracked(() =>
        inLockedTransaction(async (client) => {
          const ring = requireKey('append');
          const key = sealingKey(ring);
          const { tip, anchor } = await provenTip(client, ring);
          // Anchor the empty chain before the first record (a missing anchor then means tampering), and re-anchor
          // with the current key after a rotation, as the file store does.
          if (!anchor || anchor.keyId !== key.id) await moveAnchor(client, sealAnchor(key, tip));
          return tip;
        }),
      );
    },
    append(entries) {
      if (entries.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        pending.push({ entries, resolve, reject });
        scheduleFlush();
      });
    },
    listForNiu: (niu: string, listOptions?: ListForNiuOptions) =>
      tracked(async () => {
        await migrate();
        const limit = listLimitOf(listOptions);
        const found: AuditRecord[] = [];
        // The filter runs here, not in SQL: read newest first, page by page, until enough are kept.
        for (let before = Number.MAX_SAFE_INTEGER; found.length < limit; ) {
          const page = await pool.query<{ seq: string; record: string }>('SELECT seq, record FROM audit_records WHERE niu = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3', [niu, before, limit * 2]);
          for (const record of recordsOf(page.rows)) {
            if (record.niu !== niu || (listOptions?.where && !listOptions.where(record))) continue;
            found.push(record);
            if (found.length >= limit) break;
          }
          const last = page.rows[page.rows.length - 1];
          if (page.rows.length < limit * 2 || !last) break;
          before = Number(last.seq);
        }
        return found;
      }),
    hashAt: (seq: number) =>
      tracked(async () => {
        if (seq === 0) return genesisHash;
        await migrate();
        const { rows } = await pool.query<{ record: string }>('SELECT record FROM audit_records WHERE seq = $1', [seq]);
        const record = rows[0] === undefined ? undefined : parseRecord(rows[0].record);
        return record?.seq === seq ? record.hash : undefined;
      }),
    verify: () => verifySnapshot([]),
    verifyAgainst: (witnessed) => verifySnapshot(witnessed),
    probe: () => tracked(async () => void (await pool.query('SELECT 1'))),
    async close() {
      while (flushing) await flushing;
      // Idempotent: the gateway's shutdown paths may close the trail twice.
      if (ownsPool && !pool.ended) await pool.end();
    },
  };
}

/** Another replica seals with a key this one does not hold (or a newer one): this replica must not write. */
export class KeyringBehindError extends Error {
  constructor(keyId: string | undefined) {
    super(
      `the trail's last record or anchor is sealed with key id ${JSON.stringify(keyId ?? null)}, newer than this writer's current key or unknown to it: give every gateway replica the same AUDIT_HMAC_KEY_ID and AUDIT_HMAC_PREVIOUS_KEYS`,
    );
    this.name = 'KeyringBehindError';
  }
}
