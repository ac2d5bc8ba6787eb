import { describe, expect, it } from 'vitest';
import { createLastKnownStore } from './last-known-store.js';
import { dossier, fakeClock, type FakeDossier } from './testing/fake-system.js';
import { describeLastKnownContract } from './testing/last-known-contract.js';

const dayMs = 24 * 60 * 60 * 1000;
const entriesOf = (...references: string[]) => references.map((reference) => [reference, dossier(reference)] as const);

describe('createLastKnownStore', () => {
  it('remembers a record with the instant it was seen, unchanged by later reads', () => {
    const time = fakeClock();
    const store = createLastKnownStore<FakeDossier>({ clock: time.clock });
    const seenAt = time.iso();
    store.rememberRecord('CEET-2026-000001', dossier('CEET-2026-000001'));
    time.advance(60_000);
    expect(store.recallRecord('CEET-2026-000001')).toEqual({ value: dossier('CEET-2026-000001'), asOf: seenAt });
    expect(store.recallRecord('CEET-2026-000001')?.asOf).toBe(seenAt);
    expect(store.recallRecord('CEET-2026-000002')).toBeUndefined();
  });

  it('evicts the least recently used record at maxEntries; reading refreshes recency', () => {
    const store = createLastKnownStore<FakeDossier>({ maxEntries: 3 });
    for (const reference of ['A', 'B', 'C']) store.rememberRecord(reference, dossier(reference));
    expect(store.recallRecord('A')).toBeDefined(); // A is now the most recent: B is the oldest
    store.rememberRecord('D', dossier('D'));
    expect(store.recallRecord('B')).toBeUndefined();
    expect(['A', 'C', 'D'].map((key) => store.recallRecord(key)?.value.reference)).toEqual(['A', 'C', 'D']);
    expect(store.size()).toEqual({ records: 3, lists: 0, weight: 3, maxEntries: 3 });
  });

  it('re-remembering a record replaces it without growing, and makes it the most recent', () => {
    const store = createLastKnownStore<FakeDossier>({ maxEntries: 2 });
    store.rememberRecord('A', dossier('A', '1', 'SUBMITTED'));
    store.rememberRecord('B', dossier('B'));
    store.rememberRecord('A', dossier('A', '1', 'APPROVED'));
    store.rememberRecord('C', dossier('C'));
    expect(store.recallRecord('B')).toBeUndefined();
    expect(store.recallRecord('A')?.value.status).toBe('APPROVED');
    expect(store.size().weight).toBe(2);
  });

  it('stops serving a record at maxAge, and drops it', () => {
    const time = fakeClock();
    const store = createLastKnownStore<FakeDossier>({ maxAgeMs: 7 * dayMs, clock: time.clock });
    store.rememberRecord('A', dossier('A'));
    time.advance(7 * dayMs - 1);
    expect(store.recallRecord('A')).toBeDefined();
    time.advance(1);
    expect(store.recallRecord('A')).toBeUndefined();
    expect(store.size().records).toBe(0);
  });

  it('defaults to 7 days and 50 000 entries', () => {
    const time = fakeClock();
    const store = createLastKnownStore<FakeDossier>({ clock: time.clock });
    store.rememberRecord('A', dossier('A'));
    time.advance(7 * dayMs);
    expect(store.recallRecord('A')).toBeUndefined();
    expect(store.size().maxEntries).toBe(50_000);
  });

  it('recalls a list with its records, and forgets it once one of them is gone', () => {
    const time = fakeClock();
    const store = createLastKnownStore<FakeDossier>({ maxAgeMs: dayMs, clock: time.clock });
    const listedAt = time.iso();
    expect(store.rememberList('niu-1', entriesOf('A', 'B'))).toBe(true);
    time.advance(1000);
    store.rememberRecord('B', dossier('B', '1234567890', 'APPROVED'));
    const list = store.recallList('niu-1');
    expect(list?.asOf).toBe(listedAt);
    expect(list?.records.map(({ value, asOf }) => [value.reference, value.status, asOf])).toEqual([
      ['A', 'SUBMITTED', listedAt],
      ['B', 'APPROVED', time.iso()],
    ]);
    time.advance(dayMs - 500); // A (and the list) expire; B, read later, not yet
    expect(store.recallList('niu-1')).toBeUndefined();
    expect(store.size()).toMatchObject({ lists: 0 });
    expect(store.recallRecord('B')).toBeDefined();
  });

  it('an empty list is remembered too (a citizen with no dossier there)', () => {
    const store = createLastKnownStore<FakeDossier>();
    store.rememberList('niu-1', []);
    expect(store.recallList('niu-1')?.records).toEqual([]);
    expect(store.size()).toMatchObject({ lists: 1, weight: 1 });
  });

  it('counts a list by its size, and evicts it before the records it needs', () => {
    const store = createLastKnownStore<FakeDossier>({ maxEntries: 10 });
    store.rememberList('niu-1', entriesOf('A', 'B', 'C'));
    expect(store.size()).toEqual({ records: 3, lists: 1, weight: 6, maxEntries: 10 });
    for (const reference of ['D', 'E', 'F', 'G', 'H']) store.rememberRecord(reference, dossier(reference));
    // 6 + 5 = 11 > 10: the list (oldest) went first, its records stay for single reads.
    expect(store.recallList('niu-1')).toBeUndefined();
    expect(store.size()).toEqual({ records: 8, lists: 0, weight: 8, maxEntries: 10 });
    expect(store.recallRecord('A')).toBeDefined();
  });

  it('keeps a list behind its records in recency after reads too', () => {
    const store = createLastKnownStore<FakeDossier>({ maxEntries: 8 });
    store.rememberList('niu-1', entriesOf('A', 'B'));
    store.rememberRecord('C', dossier('C'));
    expect(store.recallRecord('B')).toBeDefined(); // order now: list, A, C, B
    store.recallList('niu-1'); // list, A, B move ahead of C: order C, list, A, B
    for (const reference of ['D', 'E', 'F', 'G', 'H']) store.rememberRecord(reference, dossier(reference));
    // G brought the weight to 9 > 8 and evicted C; H, to 9 again, evicted the list, never its records first.
    expect(store.recallRecord('C')).toBeUndefined();
    expect(store.recallList('niu-1')).toBeUndefined();
    expect(store.recallRecord('A')).toBeDefined();
  });

  it('a record forgotten (the system no longer knows it) makes its list unservable', () => {
    const store = createLastKnownStore<FakeDossier>();
    store.rememberList('niu-1', entriesOf('A', 'B'));
    store.forgetRecord('B');
    expect(store.recallList('niu-1')).toBeUndefined();
    expect(store.size()).toMatchObject({ records: 1, lists: 0, weight: 1 });
  });

  it('stays within maxEntries however many large lists arrive', () => {
    const store = createLastKnownStore<FakeDossier>({ maxEntries: 1000 });
    for (let citizen = 0; citizen < 200; citizen += 1) {
      const listed = Array.from({ length: 40 }, (_, index) => [`R-${citizen}-${index}`, dossier(`R-${citizen}-${index}`, `niu-${citizen}`)] as const);
      expect(store.rememberList(`niu-${citizen}`, listed)).toBe(true);
      expect(store.size().weight).toBeLessThanOrEqual(1000);
    }
    expect(store.recallList('niu-199')?.records).toHaveLength(40);
    expect(store.recallList('niu-0')).toBeUndefined();
  });

  it('does not keep a list too large to fit beside its records, and drops its outdated predecessor', () => {
    const store = createLastKnownStore<FakeDossier>({ maxEntries: 10 });
    store.rememberRecord('X', dossier('X'));
    expect(store.rememberList('niu-1', entriesOf('A', 'B'))).toBe(true);
    expect(store.rememberList('niu-1', entriesOf('A', 'B', 'C', 'D', 'E', 'F'))).toBe(false);
    expect(store.recallList('niu-1')).toBeUndefined();
    // Nothing else was flushed to make room for it.
    expect(store.recallRecord('X')).toBeDefined();
    expect(store.recallRecord('F')).toBeUndefined();
    expect(store.rememberList('niu-1', entriesOf('A', 'B', 'C', 'D', 'E'))).toBe(true);
  });

  it('refuses a budget or an age that cannot work', () => {
    expect(() => createLastKnownStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createLastKnownStore({ maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => createLastKnownStore({ maxAgeMs: 0 })).toThrow(RangeError);
    expect(() => createLastKnownStore({ maxAgeMs: Number.NaN })).toThrow(RangeError);
  });

  it('clear() forgets everything', () => {
    const store = createLastKnownStore<FakeDossier>();
    store.rememberList('niu-1', entriesOf('A'));
    store.clear();
    expect(store.size()).toEqual({ records: 0, lists: 0, weight: 0, maxEntries: 50_000 });
    expect(store.recallRecord('A')).toBeUndefined();
  });
});

describeLastKnownContract('in-process LRU', ({ clock, maxAgeMs }) => {
  const store = createLastKnownStore<FakeDossier>({ clock, maxAgeMs });
  return { writer: store, reader: store, settle: async () => undefined };
});
