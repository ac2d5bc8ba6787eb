import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEntry, AuditRecord } from './audit-record.js';
import { keyRankOf, type AuditKey, type AuditKeyring } from './audit-keyring.js';
import { canonicalJson } from './canonical-json.js';

/** `prevHash` of the first record. */
export const genesisHash = '0'.repeat(64);

/** Where the chain stands: the last sealed record (seq 0 and the genesis hash before any). */
export interface ChainTip {
  readonly seq: number;
  readonly hash: string;
}

export const emptyChainTip: ChainTip = { seq: 0, hash: genesisHash };

/** sha256(prevHash + canonical JSON of the record without `hash` and `mac`). */
export function hashOf(record: Omit<AuditRecord, 'hash' | 'mac'> & Partial<Pick<AuditRecord, 'hash' | 'mac'>>): string {
  const { hash: _hash, mac: _mac, ...body } = record;
  return createHash('sha256').update(body.prevHash).update(canonicalJson(body)).digest('hex');
}

/** HMAC-SHA256 of a record hash: proves the writer (holder of the key) sealed it. */
export function macOf(key: Uint8Array, hash: string): string {
  return createHmac('sha256', key).update(`record:${hash}`).digest('hex');
}

/** Seals entries after `tip`, in order, naming the key in each record (inside the hash); returns the records and the new tip. */
export function sealEntries(entries: readonly AuditEntry[], tip: ChainTip, key: AuditKey): { records: AuditRecord[]; tip: ChainTip } {
  const records: AuditRecord[] = [];
  let { seq, hash: prevHash } = tip;
  for (const entry of entries) {
    seq += 1;
    const body = { ...entry, seq, prevHash, keyId: key.id };
    const hash = hashOf(body);
    records.push({ ...body, hash, mac: macOf(key.key, hash) });
    prevHash = hash;
  }
  return { records, tip: { seq, hash: prevHash } };
}

/** Compares two hex digests in constant time (a MAC check must not leak how many characters matched). */
export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Where a check of the chain stands: the last good record, and the rank of the key that sealed it. */
export interface ChainCursor extends ChainTip {
  /** Position in the keyring of the last record's key: a later record may not go back to an older key. */
  readonly keyRank: number;
}

export const emptyChainCursor: ChainCursor = { ...emptyChainTip, keyRank: 0 };

/**
 * Checks one record against the one before it: sequence, link, hash, key and MAC. Returns the cursor after it, or
 * why it fails. Keys only move forward along the ring: a retired key (perhaps the leaked one that made the rotation
 * necessary) cannot seal a record after one sealed by its successor.
 */
export function checkRecord(record: AuditRecord, previous: ChainCursor, ring: AuditKeyring): { readonly problem: string } | { readonly problem?: undefined; readonly cursor: ChainCursor } {
  if (record.seq !== previous.seq + 1) return { problem: `expected seq ${previous.seq + 1}, found ${String(record.seq)} (record deleted, moved or inserted)` };
  if (record.prevHash !== previous.hash) return { problem: `prevHash does not match the previous record (record deleted, moved or edited)` };
  if (record.hash !== hashOf(record)) return { problem: 'hash does not match the content (record edited)' };
  const keyRank = keyRankOf(ring, record.keyId);
  if (keyRank === undefined) return { problem: `sealed with key id ${JSON.stringify(record.keyId)}, which is not configured (AUDIT_HMAC_KEY_ID, AUDIT_HMAC_PREVIOUS_KEYS)` };
  if (keyRank < previous.keyRank)
    return { problem: `sealed with key id ${JSON.stringify(record.keyId ?? ring.keys[0].id)}, older than the key of the record before (a retired key cannot seal new records)` };
  const key = ring.keys[keyRank];
  if (!key || !sameHex(record.mac, macOf(key.key, record.hash))) return { problem: 'MAC invalid (record not written by the audit writer)' };
  return { cursor: { seq: record.seq, hash: record.hash, keyRank } };
}
