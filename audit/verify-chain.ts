import type { AuditRecord, AuditVerification } from './audit-record.js';
import type { AuditKeyring } from './audit-keyring.js';
import { checkRecord, emptyChainCursor, genesisHash, type ChainCursor, type ChainTip } from './chain.js';
import { anchorIsAuthentic, type AnchorRead } from './head-anchor.js';

/** A stored line, parsed or not: `undefined` record means the line is not a record. */
export interface StoredLine {
  readonly record: AuditRecord | undefined;
  /** False for a last line without its newline (being written, or cut by a crash). */
  readonly terminated: boolean;
}

/** A point of the chain a witness signed: the record `seq` had this `hash` when it was witnessed. */
export interface WitnessedTip extends ChainTip {
  /** When the witness signed it (ISO 8601), for the reason given when the log falls short of it. */
  readonly witnessedAt?: string;
}

/**
 * Checks a whole log in one pass, in constant memory: every record against the one before (sequence, link, hash,
 * key, MAC), each record a witness signed against the hash it signed, then the log's end against the witness's last
 * checkpoint and the anchor. Reasons name positions and sequence numbers, never content.
 *
 * `witnessed` (ascending seq, an iterable read alongside the log) is what a witness outside the log's files vouches for: unlike the anchor, which the
 * writer rewrites, an older authentic state put back (log and anchor together), or no files at all, cannot satisfy it.
 */
export async function verifyChain(
  lines: AsyncIterable<StoredLine> | Iterable<StoredLine>,
  anchorRead: AnchorRead,
  ring: AuditKeyring,
  witnessed: AsyncIterable<WitnessedTip> | Iterable<WitnessedTip> = [],
): Promise<AuditVerification> {
  const notes: string[] = [];
  let cursor: ChainCursor = emptyChainCursor;
  let count = 0;
  let hashAtAnchor: string | undefined;
  const anchor = anchorRead.kind === 'found' ? anchorRead.anchor : undefined;
  if (anchor?.seq === 0) hashAtAnchor = genesisHash;
  // Witnessed points are read as the log is, one at a time: a long-lived log has many, and memory stays constant.
  const points = Symbol.asyncIterator in witnessed ? witnessed[Symbol.asyncIterator]() : witnessed[Symbol.iterator]();
  const nextPoint = async (): Promise<WitnessedTip | undefined> => {
    const step = await points.next();
    return step.done ? undefined : step.value;
  };
  const forked = (point: WitnessedTip): AuditVerification => ({
    ok: false,
    count,
    firstBadIndex: Math.max(point.seq - 1, 0),
    reason: `record seq ${point.seq} is not the one the witness signed${at(point)}: the trail was rewritten or forked`,
  });
  let point = await nextPoint();
  while (point?.seq === 0) {
    if (point.hash !== genesisHash) return forked(point);
    point = await nextPoint();
  }
  for await (const { record, terminated } of lines) {
    if (!terminated) {
      notes.push('partial last line ignored (a write in progress, or one cut by a crash)');
      break;
    }
    if (!record) return { ok: false, count, firstBadIndex: count, reason: 'line is not an audit record (garbled or edited)' };
    const checked = checkRecord(record, cursor, ring);
    if (checked.problem !== undefined) return { ok: false, count, firstBadIndex: count, reason: checked.problem };
    cursor = checked.cursor;
    count += 1;
    if (anchor && record.seq === anchor.seq) hashAtAnchor = record.hash;
    while (point?.seq === record.seq) {
      if (point.hash !== record.hash) return forked(point);
      point = await nextPoint();
    }
  }
  // Points left are past the log's end: the furthest says how far the log was witnessed.
  let last: WitnessedTip | undefined;
  for (; point !== undefined; point = await nextPoint()) last = point;
  if (last && last.seq > cursor.seq) {
    const what = count === 0 ? 'the log holds no record' : `the log ends at seq ${cursor.seq}`;
    return { ok: false, count, firstBadIndex: count, reason: `${what} but the witness signed seq ${last.seq}${at(last)}: records cut from the end, an older trail put back, or the trail wiped` };
  }
  if (anchorRead.kind === 'missing') {
    return count === 0 ? { ok: true, count, notes } : { ok: false, count, firstBadIndex: 0, reason: 'anchor file missing: the end of the log cannot be vouched for' };
  }
  if (anchorRead.kind === 'unreadable' || !anchor) return { ok: false, count, firstBadIndex: count, reason: 'anchor file unreadable' };
  if (!anchorIsAuthentic(ring, anchor)) return { ok: false, count, firstBadIndex: count, reason: 'anchor MAC invalid (anchor not written by the audit writer)' };
  if (anchor.seq > cursor.seq) return { ok: false, count, firstBadIndex: count, reason: `log ends at seq ${cursor.seq} but the anchor says ${anchor.seq}: records deleted from the end` };
  if (hashAtAnchor !== anchor.hash) return { ok: false, count, firstBadIndex: anchor.seq - 1, reason: `record seq ${anchor.seq} is not the one the anchor vouches for` };
  if (cursor.seq > anchor.seq) notes.push(`${cursor.seq - anchor.seq} record(s) after the anchor (sealed, not yet anchored: interrupted write)`);
  return { ok: true, count, notes };
}

function at(point: WitnessedTip): string {
  return point.witnessedAt === undefined ? '' : ` on ${point.witnessedAt}`;
}
