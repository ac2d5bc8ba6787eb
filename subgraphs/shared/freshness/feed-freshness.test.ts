import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DossierEvent, FeedRead } from '../../../events/index.js';
import { createFeedFreshness } from './feed-freshness.js';

interface Versioned {
  readonly reference: string;
  readonly version: number;
}

const references = ['CEET-2026-000001', 'CEET-2026-000002', 'CEET-2026-000003'];
const event = (reference: string): DossierEvent => ({
  cursor: '1',
  type: 'STATUS_CHANGED',
  reference,
  ownerNiu: '100000000001',
  ministry: 'ENERGY',
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT-BT',
  status: 'IN_PROGRESS',
  ministryStatus: null,
  previousStatus: 'SUBMITTED',
  at: '2026-10-02T08:00:00.000Z',
});

/** What can happen, in any order: legacy changes, reads in flight, feed polls (some never reaching us), polls, reconnections. */
type Action =
  | { readonly kind: 'tick'; readonly ms: number }
  | { readonly kind: 'change'; readonly ref: number; readonly withEvent: boolean }
  | { readonly kind: 'startRead'; readonly ref: number }
  | { readonly kind: 'answerRead'; readonly slot: number }
  | { readonly kind: 'finishRead'; readonly slot: number; readonly fails: boolean }
  | { readonly kind: 'feedPoll'; readonly delivered: boolean }
  | { readonly kind: 'poll'; readonly ref: number }
  | { readonly kind: 'reconnect' };

// Weighted so that reads get kept and proven often enough for the property to bite (most sequences serve some polls).
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), ref: fc.nat(2), withEvent: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('startRead' as const), ref: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('answerRead' as const), slot: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finishRead' as const), slot: fc.nat(3), fails: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('feedPoll' as const), delivered: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('poll' as const), ref: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconnect' as const }) },
);

/**
 * Runs the actions against a model of the legacy system and its change feed, on one clock, and checks after every
 * poll that what was served is at least the version the legacy system had when the feed read the served `asOf` was made.
 */
function run(actions: readonly Action[], overlapMs: number, maxAgeMs: number) {
  let now = 1_000_000;
  const version = new Map(references.map((r) => [r, 0]));
  const updatedMs = new Map(references.map((r) => [r, 0]));
  // The versions at each feed read, by its readMs (the last read of a millisecond wins, as coverage takes the max).
  const atRead = new Map<number, Map<string, number>>();
  let cursorMs = 0;
  const freshness = createFeedFreshness<Versioned>({ system: 'ceet', maxEntries: 2, maxAgeMs, clockSkewMs: 0, clock: () => now });
  const reads: Array<{ ticket: ReturnType<typeof freshness.begin>; reference: string; answer: Versioned | null }> = [];
  let served = 0;
  for (const a of actions) {
    switch (a.kind) {
      case 'tick':
        now += a.ms;
        break;
      case 'change': {
        const reference = references[a.ref]!;
        version.set(reference, (version.get(reference) ?? 0) + 1);
        updatedMs.set(reference, now);
        if (a.withEvent) freshness.onEvent(event(reference));
        break;
      }
      case 'startRead': {
        const reference = references[a.ref]!;
        reads.push({ ticket: freshness.begin([reference]), reference, answer: null });
        break;
      }
      case 'answerRead': {
        const read = reads[a.slot % Math.max(1, reads.length)];
        if (read && read.answer === null) read.answer = { reference: read.reference, version: version.get(read.reference) ?? 0 };
        break;
      }
      case 'finishRead': {
        const index = a.slot % Math.max(1, reads.length);
        const read = reads[index];
        if (!read || read.answer === null) break;
        reads.splice(index, 1);
        if (a.fails) freshness.abandon(read.ticket);
        else freshness.finish(read.ticket, new Map([[read.reference, read.answer]]));
        break;
      }
      case 'feedPoll': {
        // The feed lists every dossier whose updatedAt is at or after `since` (it may repeat, never miss).
        const sinceMs = Math.max(0, cursorMs - overlapMs);
        const listed = references.filter((r) => (updatedMs.get(r) ?? 0) >= sinceMs && (updatedMs.get(r) ?? 0) > 0);
        for (const r of listed) cursorMs = Math.max(cursorMs, updatedMs.get(r) ?? 0);
        const read: FeedRead = { system: 'ceet', sinceMs, readMs: now, references: listed, owners: [] };
        // A read that never reaches the subgraph proves nothing there: the next one that does covers its interval.
        if (!a.delivered) break;
        atRead.set(now, new Map(version));
        freshness.onFeedRead(read);
        break;
      }
      case 'poll': {
        const reference = references[a.ref]!;
        const proven = freshness.serve(reference);
        if (proven === undefined) break;
        served += 1;
        expect(proven.asOfMs).toBeLessThanOrEqual(now);
        expect(now - proven.asOfMs).toBeLessThanOrEqual(maxAgeMs);
        // Never older than a change the feed had seen when it made the read that proves it (a record read in that
        // same millisecond, after it, may be newer: still the legacy system's latest).
        expect(proven.record.version).toBeGreaterThanOrEqual(atRead.get(proven.asOfMs)?.get(reference) ?? Number.POSITIVE_INFINITY);
        break;
      }
      case 'reconnect':
        freshness.forgetAll();
        break;
    }
  }
  return served;
}

describe('createFeedFreshness: the rule against a model of the legacy system and its feed', () => {
  it('never serves a record older than a change the feed has seen (generated sequences)', () => {
    let servedSomewhere = 0;
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 80, size: 'max' }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 100, max: 5000 }), (actions, overlapMs, maxAgeMs) => {
        servedSomewhere += run(actions, overlapMs, maxAgeMs);
      }),
      { numRuns: 2000 },
    );
    // The property would hold trivially for a rule that never serves: it must serve in many of the sequences.
    expect(servedSomewhere).toBeGreaterThan(100);
  });

  const freshnessAt = (clock: { now: number }, maxAgeMs = 3000, clockSkewMs = 0) => createFeedFreshness<Versioned>({ system: 'ceet', maxEntries: 10, maxAgeMs, clockSkewMs, clock: () => clock.now });
  const keep = (f: ReturnType<typeof freshnessAt>, reference: string, version = 0) => f.finish(f.begin([reference]), new Map([[reference, { reference, version }]]));
  const read = (sinceMs: number, readMs: number, refs: string[] = [], system: FeedRead['system'] = 'ceet'): FeedRead => ({ system, sinceMs, readMs, references: refs, owners: [] });
  const ref = references[0]!;

  it('serves a record read before a feed read that does not list it, with that read as asOf', () => {
    const clock = { now: 10_000 };
    const f = freshnessAt(clock);
    keep(f, ref);
    expect(f.serve(ref)).toBeUndefined(); // no feed read after it yet
    clock.now = 11_000;
    f.onFeedRead(read(5_000, 11_000));
    expect(f.serve(ref)).toEqual({ record: { reference: ref, version: 0 }, asOfMs: 11_000 });
  });

  it('drops the record when a feed read lists it or an event names it, and ignores other systems', () => {
    const clock = { now: 10_000 };
    const f = freshnessAt(clock);
    keep(f, ref);
    f.onFeedRead(read(5_000, 11_000, [ref], 'urbanisme'));
    clock.now = 11_000;
    expect(f.serve(ref)).toBeUndefined(); // the urbanisme read proves nothing for ceet
    f.onFeedRead(read(5_000, 11_000));
    expect(f.serve(ref)).toBeDefined();
    f.onFeedRead(read(5_000, 12_000, [ref]));
    expect(f.serve(ref)).toBeUndefined();
    keep(f, ref);
    f.onFeedRead(read(5_000, 13_000));
    clock.now = 13_000;
    expect(f.serve(ref)).toBeDefined();
    f.onEvent(event(ref));
    expect(f.serve(ref)).toBeUndefined();
  });

  it('does not keep a read during which the feed listed the dossier', () => {
    const clock = { now: 10_000 };
    const f = freshnessAt(clock);
    const ticket = f.begin([ref]);
    f.onFeedRead(read(5_000, 10_500, [ref]));
    f.finish(ticket, new Map([[ref, { reference: ref, version: 0 }]]));
    f.onFeedRead(read(5_000, 11_000));
    clock.now = 11_000;
    expect(f.serve(ref)).toBeUndefined();
  });

  it('stops serving when the last feed read is older than maxAgeMs, after a gap between reads, and after forgetAll', () => {
    const clock = { now: 10_000 };
    const f = freshnessAt(clock, 3_000);
    keep(f, ref);
    f.onFeedRead(read(5_000, 11_000));
    clock.now = 14_000;
    expect(f.serve(ref)).toBeDefined();
    clock.now = 14_001;
    expect(f.serve(ref)).toBeUndefined();
    f.onFeedRead(read(10_500, 14_001)); // unbroken: 10_500 <= 11_000
    expect(f.serve(ref)?.asOfMs).toBe(14_001);
    f.onFeedRead(read(15_000, 16_000)); // a gap (14_001, 15_000): proof starts at 15_000, after the read
    clock.now = 16_000;
    expect(f.serve(ref)).toBeUndefined();
    keep(f, ref);
    f.onFeedRead(read(15_500, 17_000));
    clock.now = 17_000;
    expect(f.serve(ref)).toBeDefined();
    f.forgetAll();
    f.onFeedRead(read(15_500, 18_000));
    expect(f.serve(ref)).toBeUndefined();
  });

  it('widens a read by the clock skew on both sides', () => {
    const clock = { now: 10_000 };
    const f = freshnessAt(clock, 3_000, 100);
    keep(f, ref);
    f.onFeedRead(read(9_800, 10_050));
    expect(f.serve(ref)).toBeUndefined(); // the feed read may have started before the record was read
    f.onFeedRead(read(9_800, 10_100));
    expect(f.serve(ref)?.asOfMs).toBe(10_100);
  });

  it('keeps at most maxEntries records, least recently used out first', () => {
    const clock = { now: 10_000 };
    const f = createFeedFreshness<Versioned>({ system: 'ceet', maxEntries: 2, maxAgeMs: 3000, clockSkewMs: 0, clock: () => clock.now });
    for (const r of references) keep(f, r);
    expect(f.size()).toBe(2);
    f.onFeedRead(read(0, 10_000));
    expect(f.serve(references[0]!)).toBeUndefined();
    expect(f.serve(references[2]!)).toBeDefined();
  });
});
