import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { figuresNewsFrom } from './figures-news.js';
import { createFiguresPoller } from './figures-poller.js';
import type { FiguresRead } from './read-figures.js';
import type { SupervisionFilter } from './supervision-filter.js';
import { dossierEvent, fakeEventHub, type FakeEventHub } from './test-support/fake-event-hub.js';

/**
 * When the room's read loop reads, on a fake clock: at its fast pace without news; on the hub's events (a burst is one
 * read) and on the idle refresh with them; back to the fast pace while the hub is cut from upstream or reads fail.
 */
const intervalMs = 2_000;
const idleRefreshMs = 30_000;
/** The poller's default wait after the first news, so that the events of one feed poll make one read. */
const settleMs = 100;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const figures = (total: number): FiguresRead => ({ kind: 'figures', data: { supervision: { asOf: new Date().toISOString(), totals: { total } } }, partial: [] });

interface PollerUnderTest {
  /** When each read started, in ms since the poller was created. */
  readonly reads: number[];
  /** What the graph answers now: figures with this total, or `answer` when set. */
  total: number;
  answer: (() => FiguresRead | Promise<FiguresRead>) | undefined;
  readonly frames: string[];
  stops: number;
  unsubscribe: () => void;
}

function startPoller({ hub, filter = {}, idle = idleRefreshMs }: { hub?: FakeEventHub; filter?: SupervisionFilter; idle?: number } = {}): PollerUnderTest {
  const startedAt = performance.now();
  const state: PollerUnderTest = { reads: [], total: 1, answer: undefined, frames: [], stops: 0, unsubscribe: () => undefined };

  const poller = createFiguresPoller({
    read: async () => {
      state.reads.push(performance.now() - startedAt);
      return state.answer ? state.answer() : figures(state.total);
    },
    intervalMs,
    keepAliveMs: 15_000,
    readTimeoutMs: 10_000,
    onStop: () => {
      state.stops += 1;
    },
    ...(hub ? { news: figuresNewsFrom(hub, filter), idleRefreshMs: idle } : {}),
  });
  state.unsubscribe = poller.subscribe({ write: (frame) => state.frames.push(frame), end: () => undefined });
  return state;
}

/** Moves the fake clock to `ms` after the poller's start (timers and promises settled on the way). */
const at = async (ms: number) => vi.advanceTimersByTimeAsync(ms - performance.now() + start);
let start = 0;
beforeEach(() => {
  start = performance.now();
});

describe('without news (subscriptions off)', () => {
  it('reads every interval, as the room always did', async () => {
    const p = startPoller();
    await at(10_000);
    expect(p.reads).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
  });
});

describe('with the hub connected', () => {
  it('reads on the idle refresh only while no event comes', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(29_999);
    expect(p.reads).toEqual([0]);
    await at(60_000);
    expect(p.reads).toEqual([0, 30_000, 60_000]);
  });

  it('reads at once (after the settle delay) when an event of its filter comes, then waits for the next event or the idle refresh', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_000);
    p.total = 2;
    hub.emit(dossierEvent());
    await at(10_000 + settleMs - 1);
    expect(p.reads).toEqual([0]);
    await at(10_000 + settleMs);
    expect(p.reads).toEqual([0, 10_100]);
    expect(p.frames.filter((f) => f.startsWith('id: ')).map((f) => JSON.parse(f.split('data: ')[1]!).data.supervision.totals.total)).toEqual([1, 2]);
    await at(40_099);
    expect(p.reads).toEqual([0, 10_100]);
    await at(40_100);
    expect(p.reads).toEqual([0, 10_100, 40_100]);
  });

  it('makes one read of a burst of events: soon after the first, at the next mark for those after that read', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_000);
    p.total = 2;
    // One feed poll: a status change into ACTION_REQUIRED (two events a few ms apart) and more in the same instant.
    hub.emit(dossierEvent());
    await at(10_005);
    hub.emit(dossierEvent({ type: 'ACTION_REQUIRED' }));
    for (let i = 0; i < 10; i += 1) hub.emit(dossierEvent());
    await at(10_100);
    expect(p.reads).toEqual([0, 10_100]);
    // Twenty more within the next 1.5 s: one read, an interval after the last read.
    p.total = 3;
    for (let i = 0; i < 20; i += 1) {
      await at(10_200 + i * 75);
      hub.emit(dossierEvent());
    }
    await at(12_099);
    expect(p.reads).toEqual([0, 10_100]);
    await at(12_100);
    expect(p.reads).toEqual([0, 10_100, 12_100]);
    await at(42_099);
    expect(p.reads).toHaveLength(3);
    await at(42_100);
    expect(p.reads).toHaveLength(4);
  });

  it('never reads twice at once: an event during a read brings one more read at the mark after it', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_000);
    let release: (result: FiguresRead) => void = () => undefined;
    p.answer = () =>
      new Promise<FiguresRead>((resolve) => {
        release = resolve;
      });
    hub.emit(dossierEvent());
    await at(10_100);
    expect(p.reads).toEqual([0, 10_100]);
    hub.emit(dossierEvent());
    await at(11_000);
    expect(p.reads).toEqual([0, 10_100]);
    p.answer = undefined;
    release(figures(2));
    await at(11_000);
    p.total = 3;
    await at(12_999);
    expect(p.reads).toEqual([0, 10_100]);
    await at(13_000);
    expect(p.reads).toEqual([0, 10_100, 13_000]);
  });

  it('reads once more at the next mark when a read an event woke found nothing new (a replica not caught up yet), not more', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_000);
    hub.emit(dossierEvent());
    await at(12_100);
    expect(p.reads).toEqual([0, 10_100, 12_100]);
    await at(42_099);
    expect(p.reads).toHaveLength(3);
    await at(42_100);
    expect(p.reads).toEqual([0, 10_100, 12_100, 42_100]);
  });

  it('gives a read of its own to news that come while a confirming read waits', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_000);
    hub.emit(dossierEvent());
    await at(11_000);
    // The read at 10 100 found nothing new: a confirming read waits for 12 100; news come meanwhile, still nothing new.
    hub.emit(dossierEvent());
    await at(14_100);
    expect(p.reads).toEqual([0, 10_100, 12_100, 14_100]);
    await at(44_099);
    expect(p.reads).toHaveLength(4);
  });

  it('reads what came during its first read at the mark after it', async () => {
    const hub = fakeEventHub();
    let release: (result: FiguresRead) => void = () => undefined;
    const startedAt = performance.now();
    const reads: number[] = [];
    const poller = createFiguresPoller({
      read: () => {
        reads.push(performance.now() - startedAt);
        return reads.length === 1 ? new Promise<FiguresRead>((resolve) => (release = resolve)) : Promise.resolve(figures(2));
      },
      intervalMs,
      keepAliveMs: 15_000,
      readTimeoutMs: 10_000,
      onStop: () => undefined,
      news: figuresNewsFrom(hub, {}),
      idleRefreshMs,
    });
    const unsubscribe = poller.subscribe({ write: () => undefined, end: () => undefined });
    hub.emit(dossierEvent());
    await at(500);
    release(figures(1));
    expect((await poller.firstRead).kind).toBe('figures');
    await at(2_499);
    expect(reads).toEqual([0]);
    await at(2_500);
    expect(reads).toEqual([0, 2_500]);
    unsubscribe();
  });

  it('is woken only by the events that may change its figures: its ministry and procedure, feed events only', async () => {
    const hub = fakeEventHub();
    const energy = startPoller({ hub, filter: { ministry: 'ENERGY' } });
    const mines = startPoller({ hub, filter: { ministry: 'MINES' } });
    const permit = startPoller({ hub, filter: { procedure: 'URB-PERMIS-CONSTRUIRE' } });
    const commune = startPoller({ hub, filter: { commune: 'GOLFE1', from: '2020-01-01', to: '2020-12-31' } });
    await at(10_000);
    energy.total = 2;
    commune.total = 2;
    hub.emit(dossierEvent({ ministry: 'ENERGY', procedure: 'CEET-RACCORDEMENT-BT' }));
    // The outbox's outcomes change no figure: the feed's own event follows when the read model sees the dossier.
    hub.emit(dossierEvent({ type: 'SUBMISSION_DELIVERED', ministry: 'URBAN_PLANNING', procedure: 'URB-PERMIS-CONSTRUIRE' }));
    hub.emit(dossierEvent({ type: 'SUBMISSION_REJECTED', ministry: 'URBAN_PLANNING', procedure: 'URB-PERMIS-CONSTRUIRE' }));
    await at(12_000);
    expect(energy.reads).toEqual([0, 10_100]);
    // Events say nothing of the commune nor the submission day: those never rule one out.
    expect(commune.reads).toEqual([0, 10_100]);
    expect(mines.reads).toEqual([0]);
    expect(permit.reads).toEqual([0]);
  });
});

describe('falling back to the fast pace', () => {
  it('reads every interval while the hub is cut from upstream, and waits for events again once it is back', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_500);
    hub.setConnected(false);
    // Noticed within one interval, without a read to notice it.
    await at(20_000);
    expect(p.reads).toEqual([0, 12_000, 14_000, 16_000, 18_000, 20_000]);
    hub.setConnected(true);
    await at(49_999);
    expect(p.reads).toHaveLength(6);
    await at(50_000);
    expect(p.reads.at(-1)).toBe(50_000);
  });

  it('reads at the fast pace before the hub’s first connection', async () => {
    const hub = fakeEventHub(false);
    const p = startPoller({ hub });
    await at(6_000);
    expect(p.reads).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it('retries a failed read at the fast pace (or the graph’s Retry-After) until one succeeds, events or not', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(10_000);
    p.answer = () => ({ kind: 'failure', code: 'BACKEND_UNAVAILABLE', httpStatus: 200 });
    hub.emit(dossierEvent());
    await at(14_100);
    expect(p.reads).toEqual([0, 10_100, 12_100, 14_100]);
    p.answer = () => ({ kind: 'failure', code: 'RATE_LIMITED', httpStatus: 429, retryAfterMs: 5_000 });
    await at(16_100);
    // Retry-After: 5 s; an event meanwhile does not hurry the next read.
    hub.emit(dossierEvent());
    await at(21_099);
    expect(p.reads).toEqual([0, 10_100, 12_100, 14_100, 16_100]);
    p.answer = undefined;
    p.total = 2;
    await at(21_100);
    expect(p.reads.at(-1)).toBe(21_100);
    await at(51_099);
    expect(p.reads).toHaveLength(6);
    await at(51_100);
    expect(p.reads).toHaveLength(7);
    const failures = p.frames.filter((f) => f.startsWith('event: failure'));
    expect(failures).toHaveLength(2);
  });
});

describe('stopping', () => {
  it('leaves the hub and every timer when its last stream goes: later events read nothing', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(1_000);
    expect(hub.listenerCount).toBe(1);
    p.unsubscribe();
    expect(p.stops).toBe(1);
    expect(hub.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    hub.emit(dossierEvent());
    await at(120_000);
    expect(p.reads).toEqual([0]);
  });

  it('leaves the hub when a fatal failure ends it', async () => {
    const hub = fakeEventHub();
    const p = startPoller({ hub });
    await at(1_000);
    p.answer = () => ({ kind: 'failure', code: 'UNAUTHENTICATED', httpStatus: 401 });
    await at(2_000);
    hub.emit(dossierEvent());
    await at(3_000);
    expect(p.reads).toEqual([0, 2_100]);
    expect(p.stops).toBe(1);
    expect(hub.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('reads of the figures per minute per token and filter (fake clock, ten minutes)', () => {
  const minutes = 10;
  const cases = [
    { name: 'idle, without events (before)', hub: false, changeEveryMs: 0, late: false, perMinute: 30 },
    { name: 'idle, with events', hub: true, changeEveryMs: 0, late: false, perMinute: 2 },
    { name: 'a change every 10 s, without events (before)', hub: false, changeEveryMs: 10_000, late: false, perMinute: 30 },
    { name: 'a change every 10 s, with events', hub: true, changeEveryMs: 10_000, late: false, perMinute: 6 },
    { name: 'a change every 10 s, with events, each found one read late (a follower replica)', hub: true, changeEveryMs: 10_000, late: true, perMinute: 12 },
  ] as const;
  for (const { name, hub: withHub, changeEveryMs, late, perMinute } of cases) {
    it(`${name}: ${perMinute}`, async () => {
      const hub = withHub ? fakeEventHub() : undefined;
      const p = startPoller(hub ? { hub } : {});
      // Each change lands in the read model and (with the hub) comes as its events, 5 s into each period: a status
      // change into ACTION_REQUIRED, two events a few ms apart.
      for (let t = 5_000; changeEveryMs > 0 && t < minutes * 60_000; t += changeEveryMs) {
        await at(t);
        p.total += 1;
        if (late) {
          let stale = 1;
          p.answer = () => figures(stale-- > 0 ? p.total - 1 : p.total);
        }
        hub?.emit(dossierEvent());
        await at(t + 3);
        hub?.emit(dossierEvent({ type: 'ACTION_REQUIRED' }));
      }
      await at(minutes * 60_000);
      // The reads after the stream's first one, over the ten minutes.
      expect(p.reads.filter((t) => t > 0).length / minutes).toBe(perMinute);
    });
  }
});
