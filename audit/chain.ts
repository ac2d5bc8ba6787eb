import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEntry, AuditRecord } from './audit-record.js';
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

/** Seals entries after `tip`, in order; returns the records and the new tip. */
export function sealEntries(entries: readonly AuditEntry[], tip: ChainTip, key: Uint8Array): { records: AuditRecord[]; tip: ChainTip } {
  const records: AuditRecord[] = [];
  let { seq, hash: prevHash } = tip;
  for (const entry of entries) {
    seq += 1;
    const body = { ...entry, seq, prevHash };
    const hash = hashOf(body);
    records.push({ ...body, hash, mac: macOf(key, hash) });
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

/**
 * Checks one record against the one before it: sequence, link, hash and MAC. Returns why it fails, or undefined.
 * A parsed line is `unknown` until this says otherwise.
 */
export function checkRecord(record: AuditRecord, previous: ChainTip, key: Uint8Array): string | undefined {
  if (record.seq !== previous.seq + 1) return `expected seq ${previous.seq + 1}, found ${String(record.seq)} (record deleted, moved or inserted)`;
  if (record.prevHash !== previous.hash) return `prevHash does not match the previous record (record deleted, moved or edited)`;
  if (record.hash !== hashOf(record)) return 'hash does not match the content (record edited)';
  if (!sameHex(record.mac, macOf(key, record.hash))) return 'MAC invalid (record not written by the audit writer)';
  return undefined;
}
