import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditRecord, AuditVerification } from './audit-record.js';
import { keyringOf, sealingKey } from './audit-keyring.js';
import { listLimitOf, type AuditStore, type ListForNiuOptions } from './audit-store.js';
import { emptyChainTip, sealEntries, type ChainTip } from './chain.js';
import { sealAnchor } from './head-anchor.js';
import { verifyChain } from './verify-chain.js';

export interface MemoryAuditStore extends AuditStore {
  /** Every record, oldest first (tests). */
  readonly records: readonly AuditRecord[];
}

/** The same chain in memory: for tests and throw-away runs, never for an audit that must outlive the process. */
export function createMemoryAuditStore(options: { readonly hmacKey?: string | Uint8Array } = {}): MemoryAuditStore {
  const ring = keyringOf(options.hmacKey ?? randomBytes(32));
  const key = sealingKey(ring);
  const records: AuditRecord[] = [];
  let tip: ChainTip = emptyChainTip;
  return {
    records,
    async append(entries: readonly AuditEntry[]) {
      const sealed = sealEntries(entries, tip, key);
      records.push(...sealed.records);
      tip = sealed.tip;
      return sealed.records;
    },
    async listForNiu(niu: string, listOptions?: ListForNiuOptions) {
      const limit = listLimitOf(listOptions);
      const found: AuditRecord[] = [];
      for (let i = records.length - 1; i >= 0 && found.length < limit; i--) {
        const record = records[i];
        if (record?.niu === niu && (!listOptions?.where || listOptions.where(record))) found.push(record);
      }
      return found;
    },
    async verify(): Promise<AuditVerification> {
      return verifyChain(
        records.map((record) => ({ record, terminated: true })),
        { kind: 'found', anchor: sealAnchor(key, tip) },
        ring,
      );
    },
    async close() {},
  };
}
