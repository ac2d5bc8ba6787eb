import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit-record.js';
import type { AuditStore, AuditTrail } from '../audit-store.js';
import { genesisHash, hashOf } from '../chain.js';
import { entry } from './audit-fixtures.js';

/** One store under test, and how to reach behind its back (as an intruder with access to its storage would). */
export interface OpenedAuditStore<S extends AuditStore = AuditStore> {
  readonly store: S;
  /** Another instance over the same storage (a restarted writer, or another replica). */
  reopen(): S | Promise<S>;
  /** Rewrites record `seq` in storage, bypassing the store. */
  tamper(seq: number, change: (record: AuditRecord) => AuditRecord): Promise<void>;
  /** Deletes records from `seq` on, bypassing the store (the anchor stays where it was). */
  cut(fromSeq: number): Promise<void>;
}

const nius = ['100000000001', '100000000002', '100000000003'] as const;
const entries = (count: number, from = 0) => Array.from({ length: count }, (_, i) => entry(nius[(from + i) % 3]!, { traceId: `trace-${from + i + 1}` }));

/**
 * What every AuditStore must do, run against each implementation (memory, file, PostgreSQL): seal in order, keep
 * one chain under concurrent appends, list a citizen's records newest first, and find an edit.
 */
export function describeAuditStoreContract(name: string, open: () => Promise<OpenedAuditStore>): void {
  describe(`${name}: AuditStore contract`, () => {
    const stores: AuditStore[] = [];
    const fresh = async () => {
      const opened = await open();
      stores.push(opened.store);
      return opened;
    };
    afterEach(async () => {
      for (const store of stores.splice(0).reverse()) await store.close();
    });

    it('seals entries in order: seq from 1, each linked to the one before, and verifies them', async () => {
      const { store } = await fresh();
      expect(await store.verify()).toMatchObject({ ok: true, count: 0 });
      expect(await store.append([])).toEqual([]);
      const [first, second] = await store.append([entry('100000000001'), entry('100000000002', { action: 'write' })]);
      expect(first).toMatchObject({ seq: 1, prevHash: genesisHash, niu: '100000000001', hash: hashOf(first!) });
      expect(second).toMatchObject({ seq: 2, prevHash: first!.hash, action: 'write', mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const [third] = await store.append([entry('100000000003')]);
      expect(third).toMatchObject({ seq: 3, prevHash: second!.hash });
      expect(await store.verify()).toMatchObject({ ok: true, count: 3 });
    });

    it('keeps one chain under concurrent appends: each gets consecutive records, no seq twice, none lost', async () => {
      const { store } = await fresh();
      const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(entries(1 + (i % 3), i * 3))));
      for (const records of appended) {
        for (let i = 1; i < records.length; i += 1) expect(records[i]!.seq).toBe(records[i - 1]!.seq + 1);
      }
      const seqs = appended.flat().map((record) => record.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(Math.max(...seqs)).toBe(seqs.length);
      expect(await store.verify()).toMatchObject({ ok: true, count: seqs.length });
    });

    it("lists one citizen's records newest first, up to the limit, through the filter", async () => {
      const { store } = await fresh();
      await store.append(entries(12));
      expect((await store.listForNiu('100000000001')).map((record) => record.seq)).toEqual([10, 7, 4, 1]);
      expect((await store.listForNiu('100000000002', { limit: 2 })).map((record) => record.seq)).toEqual([11, 8]);
      expect((await store.listForNiu('100000000003', { where: (record) => record.seq < 9 })).map((record) => record.seq)).toEqual([6, 3]);
      expect(await store.listForNiu('199999999999')).toEqual([]);
    });

    it('finds a record edited in storage, and says which', async () => {
      const { store, tamper } = await fresh();
      await store.append(entries(5));
      await tamper(3, (record) => ({ ...record, subject: 'someone-else' }));
      expect(await store.verify()).toMatchObject({ ok: false, firstBadIndex: 2, reason: expect.stringContaining('hash does not match') });
    });
  });
}

/**
 * What every trail a witness vouches for must do besides (file, PostgreSQL): say where it ends, give the hash at a
 * seq, continue across instances, and check the points a witness signed.
 */
export function describeAuditTrailContract(name: string, open: () => Promise<OpenedAuditStore<AuditTrail>>): void {
  describe(`${name}: AuditTrail contract`, () => {
    const stores: AuditStore[] = [];
    const fresh = async () => {
      const opened = await open();
      stores.push(opened.store);
      return opened;
    };
    afterEach(async () => {
      for (const store of stores.splice(0).reverse()) await store.close();
    });

    it('opens at the genesis, then says where the chain ends and the hash at each seq', async () => {
      const { store } = await fresh();
      expect(await store.open()).toEqual({ seq: 0, hash: genesisHash });
      const records = await store.append(entries(4));
      expect(await store.open()).toEqual({ seq: 4, hash: records[3]!.hash });
      expect(await store.hashAt(0)).toBe(genesisHash);
      expect(await store.hashAt(2)).toBe(records[1]!.hash);
      expect(await store.hashAt(5)).toBeUndefined();
    });

    it('continues the chain in another instance (a restarted writer)', async () => {
      const opened = await fresh();
      await opened.store.append(entries(3));
      await opened.store.close();
      const again = await opened.reopen();
      stores.push(again);
      expect(await again.open()).toMatchObject({ seq: 3 });
      const [next] = await again.append(entries(1, 3));
      expect(next).toMatchObject({ seq: 4 });
      expect(await again.verify()).toMatchObject({ ok: true, count: 4 });
      expect((await again.listForNiu('100000000001')).map((record) => record.seq)).toEqual([4, 1]);
    });

    it('checks the points a witness signed: the same hash passes, another is a fork, a point past the end a cut', async () => {
      const { store } = await fresh();
      const records = await store.append(entries(4));
      expect(
        await store.verifyAgainst([
          { seq: 0, hash: genesisHash },
          { seq: 2, hash: records[1]!.hash },
          { seq: 4, hash: records[3]!.hash },
        ]),
      ).toMatchObject({ ok: true, count: 4 });
      expect(await store.verifyAgainst([{ seq: 2, hash: 'f'.repeat(64) }])).toMatchObject({ ok: false, reason: expect.stringContaining('not the one the witness signed') });
      expect(await store.verifyAgainst([{ seq: 9, hash: 'f'.repeat(64) }])).toMatchObject({ ok: false, reason: expect.stringContaining('the witness signed seq 9') });
    });

    it('refuses to extend a chain whose end was cut behind its back', async () => {
      const opened = await fresh();
      await opened.store.append(entries(3));
      await opened.cut(3);
      const again = await opened.reopen();
      stores.push(again);
      await expect(again.append(entries(1, 3))).rejects.toThrow(/audit log integrity/);
      expect(await again.verify()).toMatchObject({ ok: false });
    });
  });
}
