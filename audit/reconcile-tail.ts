import type { FileHandle } from 'node:fs/promises';
import type { AuditRecord } from './audit-record.js';
import { keyRankOf, sealingKey, type AuditKeyring } from './audit-keyring.js';
import { AuditIntegrityError } from './audit-store.js';
import { checkRecord, emptyChainTip, type ChainCursor, type ChainTip } from './chain.js';
import { anchorIsAuthentic, readAnchor, sealAnchor, writeAnchor } from './head-anchor.js';
import { parseRecord } from './parse-record.js';
import { completeLength, readLinesBackward } from './read-lines.js';

/**
 * Before the writer extends the chain: find where it ends and prove that end against the anchor, reading only the
 * tail (the records after the anchor, normally none). Then drop a half-written last line (an append interrupted by
 * a crash, never acknowledged) and re-anchor records sealed but not yet anchored.
 *
 * Refuses (AuditIntegrityError) when the log is shorter than its anchor, when the anchored record differs, or when
 * the anchor is missing or forged: extending such a log would bless the damage, and the next anchor would hide it.
 */
export async function reconcileTail(handle: FileHandle, headPath: string, ring: AuditKeyring, sync: boolean): Promise<ChainTip> {
  const key = sealingKey(ring);
  const size = (await handle.stat()).size;
  const complete = await completeLength(handle, size);
  const anchorRead = await readAnchor(headPath);
  if (anchorRead.kind === 'missing') {
    if (complete > 0) throw new AuditIntegrityError('anchor file missing beside a non-empty log');
    if (size > 0) await handle.truncate(0);
    // Anchor the empty chain before the first record: from now on a missing anchor can only mean tampering.
    await writeAnchor(headPath, sealAnchor(key, emptyChainTip), sync);
    return emptyChainTip;
  }
  if (anchorRead.kind === 'unreadable') throw new AuditIntegrityError('anchor file unreadable');
  const { anchor } = anchorRead;
  if (!anchorIsAuthentic(ring, anchor)) throw new AuditIntegrityError('anchor MAC invalid');

  const afterAnchor: AuditRecord[] = [];
  let base: ChainCursor | undefined = anchor.seq === 0 ? { ...emptyChainTip, keyRank: 0 } : undefined;
  for await (const line of readLinesBackward(handle, complete)) {
    const record = parseRecord(line.bytes.toString('utf8'));
    if (!record) throw new AuditIntegrityError(`line at byte ${line.offset} is not an audit record`);
    if (record.seq > anchor.seq) {
      afterAnchor.push(record);
      continue;
    }
    if (record.seq < anchor.seq) throw new AuditIntegrityError(`log ends at seq ${record.seq} but the anchor says ${anchor.seq}`);
    if (record.hash !== anchor.hash) throw new AuditIntegrityError(`record seq ${anchor.seq} is not the one the anchor vouches for`);
    base = { seq: anchor.seq, hash: anchor.hash, keyRank: keyRankOf(ring, record.keyId) ?? 0 };
    break;
  }
  if (!base) throw new AuditIntegrityError(`log holds no record seq ${anchor.seq}, which the anchor vouches for`);

  let tip = base;
  for (const record of afterAnchor.reverse()) {
    const checked = checkRecord(record, tip, ring);
    if (checked.problem !== undefined) throw new AuditIntegrityError(`after the anchor, seq ${record.seq}: ${checked.problem}`);
    tip = checked.cursor;
  }
  if (complete < size) await handle.truncate(complete);
  // Re-anchored with the current key, also after a rotation with nothing to add: the next verification needs no retired key for the end.
  if (tip.seq !== anchor.seq || anchor.keyId !== key.id) await writeAnchor(headPath, sealAnchor(key, tip), sync);
  return { seq: tip.seq, hash: tip.hash };
}
