import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry, AuditRecord, AuditVerification } from './audit-record.js';
import { keyringOf, sealingKey, type AuditKeyring } from './audit-keyring.js';
import { AuditIntegrityError, listLimitOf, type AuditTrail, type ListForNiuOptions } from './audit-store.js';
import { canonicalJson } from './canonical-json.js';
import { genesisHash, sealEntries, type ChainTip } from './chain.js';
import { headPathOf, isNotFound, readAnchor, sealAnchor, writeAnchor } from './head-anchor.js';
import { parseRecord } from './parse-record.js';
import { readLinesBackward, readLinesForward } from './read-lines.js';
import { reconcileTail } from './reconcile-tail.js';
import { verifyChain, type WitnessedTip } from './verify-chain.js';

export interface FileAuditStoreOptions {
  /** JSON Lines file of records. The anchor sits beside it (`audit.jsonl` → `audit.head`). */
  readonly path: string;
  /** HMAC key sealing records and the anchor (id `1`). Needed to append and to verify; a reader listing records needs none. */
  readonly hmacKey?: string | Uint8Array;
  /** The keys after a rotation: the last seals, every one verifies. Wins over `hmacKey`. */
  readonly keyring?: AuditKeyring;
  /** fsync the log and the anchor before an append resolves. Default true; false only for tests and benchmarks. */
  readonly sync?: boolean;
}

export interface FileAuditStore extends AuditTrail {
  readonly path: string;
  readonly headPath: string;
}

interface Writer {
  readonly handle: FileHandle;
  tip: ChainTip;
  /** Bytes of the log as this writer left it; a different size means someone else wrote to it. */
  size: number;
}

interface PendingAppend {
  readonly entries: readonly AuditEntry[];
  resolve(records: readonly AuditRecord[]): void;
  reject(error: unknown): void;
}

/**
 * Audit records in a JSON Lines file, hash-chained and MAC-sealed, with an HMAC-authenticated anchor at the chain's end.
 *
 * ONE writer: a single process (the gateway) appends; appends from it are queued and written in groups (one write,
 * one fsync, one anchor update per group), so concurrent requests never interleave or fork the chain. Any number of
 * readers (the dossiers subgraph listing a citizen's access log, `audit:verify`) may read while it writes: they only
 * consider complete lines.
 */
export function createFileAuditStore(options: FileAuditStoreOptions): FileAuditStore {
  const { path, sync = true } = options;
  const headPath = headPathOf(path);
  const ring = options.keyring ?? (options.hmacKey === undefined ? undefined : keyringOf(options.hmacKey));
  const requireKey = (what: string): AuditKeyring => {
    if (!ring) throw new Error(`the audit HMAC key is needed to ${what}`);
    return ring;
  };

  const verifyFiles = async (witnessed: AsyncIterable<WitnessedTip> | Iterable<WitnessedTip>): Promise<AuditVerification> => {
    const keys = requireKey('verify');
    // Anchor first, then the log: the writer moves the anchor only after the log, so a reader never sees it ahead.
    const anchor = await readAnchor(headPath);
    const handle = await openForReading(path);
    try {
      const lines = handle ? storedLines(handle, (await handle.stat()).size) : [];
      return await verifyChain(lines, anchor, keys, witnessed);
    } finally {
      await handle?.close();
    }
  };

  let writer: Promise<Writer> | undefined;
  let pending: PendingAppend[] = [];
  let flushing: Promise<void> | undefined;

  const openWriter = async (): Promise<Writer> => {
    const keys = requireKey('append');
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    try {
      const tip = await reconcileTail(handle, headPath, keys, sync);
      return { handle, tip, size: (await handle.stat()).size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  };

  const writeGroup = async (group: readonly PendingAppend[]): Promise<void> => {
    const sealKey = sealingKey(requireKey('append'));
    writer ??= openWriter();
    const current = await writer;
    const { records, tip } = sealEntries(
      group.flatMap((append) => append.entries),
      current.tip,
      sealKey,
    );
    const bytes = Buffer.from(records.map((record) => `${canonicalJson(record)}\n`).join(''), 'utf8');
    // One writer only: a log that grew or shrank behind our back would fork the chain if we appended blindly.
    if ((await current.handle.stat()).size !== current.size) throw new AuditIntegrityError('the log changed under its writer (a second writer?)');
    for (let offset = 0; offset < bytes.length; ) offset += (await current.handle.write(bytes, offset)).bytesWritten;
    if (sync) await current.handle.datasync();
    await writeAnchor(headPath, sealAnchor(sealKey, tip), sync);
    current.tip = tip;
    current.size += bytes.length;
    let next = 0;
    for (const append of group) {
      append.resolve(records.slice(next, next + append.entries.length));
      next += append.entries.length;
    }
  };

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const group = pending;
      pending = [];
      try {
        await writeGroup(group);
      } catch (error) {
        // The file may end in a half-written line: reopen (and reconcile) before the next group.
        const broken = writer;
        writer = undefined;
        await broken?.then((w) => w.handle.close()).catch(() => undefined);
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

  return {
    path,
    headPath,
    async open() {
      writer ??= openWriter();
      try {
        const { tip } = await writer;
        return { seq: tip.seq, hash: tip.hash };
      } catch (error) {
        writer = undefined;
        throw error;
      }
    },
    append(entries) {
      if (entries.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        pending.push({ entries, resolve, reject });
        scheduleFlush();
      });
    },
    async listForNiu(niu: string, listOptions?: ListForNiuOptions) {
      const limit = listLimitOf(listOptions);
      const handle = await openForReading(path);
      if (!handle) return [];
      try {
        // Records are canonical JSON: this needle is in every line of that NIU; lines without it are not parsed.
        const needle = Buffer.from(`"niu":${JSON.stringify(niu)}`, 'utf8');
        const found: AuditRecord[] = [];
        for await (const line of readLinesBackward(handle, (await handle.stat()).size, needle)) {
          const record = parseRecord(line.bytes.toString('utf8'));
          if (record?.niu !== niu || (listOptions?.where && !listOptions.where(record))) continue;
          found.push(record);
          if (found.length >= limit) break;
        }
        return found;
      } finally {
        await handle.close();
      }
    },
    async hashAt(seq: number) {
      if (seq === 0) return genesisHash;
      const handle = await openForReading(path);
      if (!handle) return undefined;
      try {
        // Canonical JSON puts `"seq":N,` in that record's line only (no string value holds a bare quote).
        const needle = Buffer.from(`"seq":${seq},`, 'utf8');
        for await (const line of readLinesBackward(handle, (await handle.stat()).size, needle)) {
          const record = parseRecord(line.bytes.toString('utf8'));
          if (record?.seq === seq) return record.hash;
        }
        return undefined;
      } finally {
        await handle.close();
      }
    },
    verify: () => verifyFiles([]),
    verifyAgainst: (witnessed) => verifyFiles(witnessed),
    async close() {
      while (flushing) await flushing;
      const current = writer;
      writer = undefined;
      await current?.then((w) => w.handle.close()).catch(() => undefined);
    },
  };
}

async function* storedLines(handle: FileHandle, size: number) {
  for await (const line of readLinesForward(handle, size)) yield { record: line.terminated ? parseRecord(line.bytes.toString('utf8')) : undefined, terminated: line.terminated };
}

async function openForReading(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
