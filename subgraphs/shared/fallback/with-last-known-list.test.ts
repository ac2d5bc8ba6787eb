import { beforeEach, describe, expect, it } from 'vitest';
import { createLastKnownMetrics } from './last-known-metrics.js';
import { createLastKnownStore, type LastKnownStore } from './last-known-store.js';
import { adapterError, dossier, fakeClock, fakeSystem, type FakeDossier } from './testing/fake-system.js';
import { withLastKnown } from './with-last-known.js';
import { withLastKnownList } from './with-last-known-list.js';

const ama = '1234567890';
const kofi = '9999999999';

describe('withLastKnownList', () => {
  const time = fakeClock();
  let system: ReturnType<typeof fakeSystem>;
  let store: LastKnownStore<FakeDossier>;
  const metrics = createLastKnownMetrics();

  beforeEach(() => {
    system = fakeSystem([dossier('CEET-1', ama), dossier('CEET-2', ama), dossier('CEET-3', kofi)]);
    store = createLastKnownStore<FakeDossier>({ clock: time.clock, maxAgeMs: 24 * 60 * 60 * 1000 });
    metrics.reset();
  });

  const listOf = () => withLastKnownList((niu: string) => system.listOf(niu), store, { metrics });
  const many = () => withLastKnown((keys) => system.getMany(keys), store, { metrics });

  it('returns a fresh list and remembers it with its records', async () => {
    const list = await listOf()(ama);
    expect(list).toEqual([
      { ...dossier('CEET-1', ama), stale: false, asOf: null },
      { ...dossier('CEET-2', ama), stale: false, asOf: null },
    ]);
    expect(store.size()).toMatchObject({ records: 2, lists: 1, weight: 4 });
  });

  it('falls back to the remembered list, each record stale as of its own latest read', async () => {
    const listedAt = time.iso();
    await listOf()(ama);
    time.advance(60_000);
    system.data.set('CEET-2', dossier('CEET-2', ama, 'APPROVED'));
    const singleReadAt = time.iso();
    await many()(['CEET-2']);
    time.advance(60_000);
    system.failWith(adapterError('BACKEND_TIMEOUT'));
    expect(await listOf()(ama)).toEqual([
      { ...dossier('CEET-1', ama), stale: true, asOf: listedAt },
      { ...dossier('CEET-2', ama, 'APPROVED'), stale: true, asOf: singleReadAt },
    ]);
    expect(metrics.snapshot().ceet).toEqual({ hits: 0, misses: 0, listHits: 1, listMisses: 0 });
  });

  it('records read through a list serve single reads during an outage', async () => {
    await listOf()(ama);
    system.failWith(adapterError('CIRCUIT_OPEN', false));
    expect((await many()(['CEET-1'])).get('CEET-1')).toMatchObject({ stale: true });
  });

  it('a remembered empty list falls back to an empty list', async () => {
    await listOf()('0000000000');
    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    expect(await listOf()('0000000000')).toEqual([]);
  });

  it('rethrows the original error for a list never read, and counts the miss', async () => {
    await listOf()(ama);
    const outage = adapterError('BACKEND_UNAVAILABLE');
    system.failWith(outage);
    await expect(listOf()(kofi)).rejects.toBe(outage);
    expect(metrics.snapshot().ceet).toMatchObject({ listHits: 0, listMisses: 1 });
  });

  it('rethrows when a record of the list expired: half a list would lie', async () => {
    await listOf()(ama);
    time.advance(23 * 60 * 60 * 1000);
    await many()(['CEET-1']); // fresher, but CEET-2 and the list itself are a day old by the outage
    time.advance(60 * 60 * 1000);
    const outage = adapterError('BACKEND_UNAVAILABLE');
    system.failWith(outage);
    await expect(listOf()(ama)).rejects.toBe(outage);
  });

  it.each([
    ['NOT_FOUND', adapterError('NOT_FOUND', false)],
    ['BAD_USER_INPUT', adapterError('BAD_USER_INPUT', false)],
  ])('does not mask %s', async (_, failure) => {
    await listOf()(ama);
    system.failWith(failure);
    await expect(listOf()(ama)).rejects.toBe(failure);
    expect(metrics.snapshot()).toEqual({});
  });

  it('replaces the list on each success: a dossier no longer listed is not listed stale either', async () => {
    await listOf()(ama);
    system.data.delete('CEET-2');
    await listOf()(ama);
    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    expect((await listOf()(ama)).map((record) => record.reference)).toEqual(['CEET-1']);
  });

  it('keeps memory bounded under many large lists, falling back for the recent ones only', async () => {
    const bounded = createLastKnownStore<FakeDossier>({ maxEntries: 500, clock: time.clock });
    const citizens = Array.from({ length: 30 }, (_, index) => `niu-${index}`);
    for (const niu of citizens) for (let n = 0; n < 50; n += 1) system.data.set(`${niu}-${n}`, dossier(`${niu}-${n}`, niu));
    const load = withLastKnownList((niu: string) => system.listOf(niu), bounded, { metrics });
    for (const niu of citizens) {
      await load(niu);
      expect(bounded.size().weight).toBeLessThanOrEqual(500);
    }
    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    expect(await load('niu-29')).toHaveLength(50);
    await expect(load('niu-0')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});
