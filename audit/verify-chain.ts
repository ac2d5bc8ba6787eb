import type { AuditRecord, AuditVerification } from './audit-record.js';
import { checkRecord, emptyChainTip, type ChainTip } from './chain.js';
import { anchorIsAuthentic, type AnchorRead } from './head-anchor.js';

/** A stored line, parsed or not: `undefined` record means the line is not a record. */
export interface StoredLine {
  readonly record: AuditRecord | undefined;
  /** False for a last line without its newline (being written, or cut by a crash). */
  readonly terminated: boolean;
}

/**
 * Checks a whole log in one pass, in constant memory: every record against the one before (sequence, link, hash,
 * MAC), then the anchor against where the chain ends. Reasons name positions and sequence numbers, never content.
 */
export async function verifyChain(lines: AsyncIterable<StoredLine> | Iterable<StoredLine>, anchorRead: AnchorRead, key: Uint8Array): Promise<AuditVerification> {
  const notes: string[] = [];
  let tip: ChainTip = emptyChainTip;
  let count = 0;
  let hashAtAnchor: string | undefined;
  const anchor = anchorRead.kind === 'found' ? anchorRead.anchor : undefined;
  if (anchor?.seq === 0) hashAtAnchor = emptyChainTip.hash;
  for await (const { record, terminated } of lines) {
    if (!terminated) {
      notes.push('partial last line ignored (a write in progress, or one cut by a crash)');
      break;
    }
    if (!record) return { ok: false, count, firstBadIndex: count, reason: 'line is not an audit record (garbled or edited)' };
    const problem = checkRecord(record, tip, key);
    if (problem) return { ok: false, count, firstBadIndex: count, reason: problem };
    tip = record;
    count += 1;
    if (anchor && record.seq === anchor.seq) hashAtAnchor = record.hash;
  }
  if (anchorRead.kind === 'missing') {
    return count === 0 ? { ok: true, count, notes } : { ok: false, count, firstBadIndex: 0, reason: 'anchor file missing: the end of the log cannot be vouched for' };
  }
  if (anchorRead.kind === 'unreadable' || !anchor) return { ok: false, count, firstBadIndex: count, reason: 'anchor file unreadable' };
  if (!anchorIsAuthentic(key, anchor)) return { ok: false, count, firstBadIndex: count, reason: 'anchor MAC invalid (anchor not written by the audit writer)' };
  if (anchor.seq > tip.seq) return { ok: false, count, firstBadIndex: count, reason: `log ends at seq ${tip.seq} but the anchor says ${anchor.seq}: records deleted from the end` };
  if (hashAtAnchor !== anchor.hash) return { ok: false, count, firstBadIndex: anchor.seq - 1, reason: `record seq ${anchor.seq} is not the one the anchor vouches for` };
  if (tip.seq > anchor.seq) notes.push(`${tip.seq - anchor.seq} record(s) after the anchor (sealed, not yet anchored: interrupted write)`);
  return { ok: true, count, notes };
}
