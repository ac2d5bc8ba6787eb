import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentStore, NewDocument } from '../storage/index.js';

/** A clock the test moves: the sweep's cutoff is about upload instants. */
export interface ContractClock {
  now(): number;
  advance(ms: number): void;
}

export function contractClock(start = Date.parse('2026-12-01T08:00:00Z')): ContractClock {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

function newDocument(text: string, owner = { subject: 'citizen-1', niu: '1000000001' }): NewDocument {
  const bytes = Buffer.from(text);
  return { owner, kind: 'SITE_PLAN', mediaType: 'application/pdf', bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * What every document store does, run against each implementation (the filesystem, PostgreSQL): a store that passes
 * may replace another without any caller noticing.
 */
export function describeDocumentStoreContract(name: string, open: (clock: ContractClock) => Promise<DocumentStore>): void {
  describe(`${name}: the document store contract`, () => {
    const opened: DocumentStore[] = [];
    const fresh = async (clock = contractClock()) => {
      const store = await open(clock);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('stores a document under a new id and gives back its bytes and description', async () => {
      const clock = contractClock();
      const store = await fresh(clock);
      const document = newDocument('%PDF plan');
      const stored = await store.put(document);
      expect(stored).toMatchObject({ owner: document.owner, kind: 'SITE_PLAN', mediaType: 'application/pdf', size: document.bytes.length, sha256: document.sha256, referencedBy: undefined });
      expect(stored.createdAt.getTime()).toBe(clock.now());
      expect(await store.find(stored.id)).toEqual(stored);
      expect((await store.read(stored.id))?.equals(document.bytes)).toBe(true);
    });

    it('answers undefined for an id it does not know', async () => {
      const store = await fresh();
      expect(await store.find('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await store.read('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await store.delete('00000000-0000-4000-8000-000000000000')).toBe(false);
    });

    it('keeps two uploads of the same bytes apart (two ids, two owners) and their shared bytes until the last goes', async () => {
      const store = await fresh();
      const a = await store.put(newDocument('same bytes'));
      const b = await store.put(newDocument('same bytes', { subject: 'citizen-2', niu: '1000000002' }));
      expect(a.id).not.toBe(b.id);
      expect(a.sha256).toBe(b.sha256);
      expect((await store.find(b.id))?.owner.subject).toBe('citizen-2');
      expect(await store.delete(a.id)).toBe(true);
      expect(await store.find(a.id)).toBeUndefined();
      expect((await store.read(b.id))?.toString()).toBe('same bytes');
      expect(await store.delete(b.id)).toBe(true);
      expect(await store.read(b.id)).toBeUndefined();
      expect(await store.delete(b.id)).toBe(false);
    });

    it('marks documents as filed with one dossier, and refuses to move them to another', async () => {
      const store = await fresh();
      const a = await store.put(newDocument('a'));
      const b = await store.put(newDocument('b'));
      expect(await store.markReferenced([a.id, b.id], 'MEM-2026-000001')).toEqual([]);
      expect((await store.find(a.id))?.referencedBy).toBe('MEM-2026-000001');
      // Again for the same dossier (a retried filing): nothing refused.
      expect(await store.markReferenced([a.id], 'MEM-2026-000001')).toEqual([]);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await store.markReferenced([b.id, unknown], 'MEM-2026-000002')).toEqual([b.id, unknown]);
      expect((await store.find(b.id))?.referencedBy).toBe('MEM-2026-000001');
      // All or none: a free document named beside another dossier's stays free.
      const c = await store.put(newDocument('c'));
      expect(await store.markReferenced([c.id, a.id], 'MEM-2026-000002')).toEqual([a.id]);
      expect((await store.find(c.id))?.referencedBy).toBeUndefined();
    });

    it('lists the unreferenced documents uploaded before a cutoff, oldest first, up to a limit', async () => {
      const clock = contractClock();
      const store = await fresh(clock);
      const first = await store.put(newDocument('1'));
      clock.advance(1_000);
      const second = await store.put(newDocument('2'));
      clock.advance(1_000);
      const filed = await store.put(newDocument('3'));
      await store.markReferenced([filed.id], 'MEM-2026-000003');
      clock.advance(1_000);
      await store.put(newDocument('4'));
      const cutoff = new Date(clock.now());
      expect((await store.listUnreferencedBefore(cutoff, 10)).map((d) => d.id)).toEqual([first.id, second.id]);
      expect((await store.listUnreferencedBefore(cutoff, 1)).map((d) => d.id)).toEqual([first.id]);
      expect(await store.listUnreferencedBefore(new Date(first.createdAt.getTime()), 10)).toEqual([]);
      // The filed one is its dossier's, and nobody else's.
      expect((await store.listReferencedBy('MEM-2026-000003')).map((d) => d.id)).toEqual([filed.id]);
      expect(await store.listReferencedBy('MEM-2026-000004')).toEqual([]);
    });

    it('never loses bytes to a delete of their last id racing an upload of the same file', async () => {
      const store = await fresh();
      let last = await store.put(newDocument('shared bytes'));
      for (let round = 0; round < 20; round += 1) {
        const [next] = await Promise.all([store.put(newDocument('shared bytes')), store.delete(last.id)]);
        last = next;
        expect((await store.read(last.id))?.toString()).toBe('shared bytes');
      }
    });
  });
}
