import DataLoader from 'dataloader';
import { beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, type AdapterErrorCode } from '../../../adapters/shared/index.js';
import type { KnownRecord } from './known-record.js';
import { createLastKnownMetrics } from './last-known-metrics.js';
import { createLastKnownStore, type LastKnownStore } from './last-known-store.js';
import { adapterError, dossier, fakeClock, fakeSystem, type FakeDossier } from './testing/fake-system.js';
import { withLastKnown } from './with-last-known.js';

/** `batchLoader` as the lead is to adapt it: an Error value rejects its key as is, before `missing` or `visible`. */
function loaderOver<V>(fetchMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V | Error>>, visible: (value: V) => boolean = () => true) {
  const missing = (key: string) => new AdapterError({ code: 'NOT_FOUND', system: 'ceet', operation: 'getRequests', retryable: false, message: `no request ${key}` });
  return new DataLoader<string, V>(async (keys) => {
    const found = await fetchMany(keys);
    return keys.map((key) => {
      const value = found.get(key);
      if (value instanceof Error) return value;
      return value !== undefined && visible(value) ? value : missing(key);
    });
  });
}

const codeOf = (error: unknown) => (error instanceof AdapterError ? error.code : 'not an AdapterError');

describe('withLastKnown', () => {
  const time = fakeClock();
  let system: ReturnType<typeof fakeSystem>;
  let store: LastKnownStore<FakeDossier>;
  const metrics = createLastKnownMetrics();
  let fetch: (keys: readonly string[]) => Promise<ReadonlyMap<string, KnownRecord<FakeDossier> | Error>>;

  beforeEach(() => {
    system = fakeSystem([dossier('CEET-1'), dossier('CEET-2'), dossier('CEET-3', '9999999999')]);
    store = createLastKnownStore<FakeDossier>({ clock: time.clock, maxAgeMs: 24 * 60 * 60 * 1000 });
    metrics.reset();
    fetch = withLastKnown((keys) => system.getMany(keys), store, { metrics });
  });

  it('returns fresh records and remembers them', async () => {
    const found = await fetch(['CEET-1', 'CEET-2']);
    expect(found.get('CEET-1')).toEqual({ ...dossier('CEET-1'), stale: false, asOf: null });
    expect(store.recallRecord('CEET-2')?.value).toEqual(dossier('CEET-2'));
    expect(store.recallRecord('CEET-2')?.value).not.toHaveProperty('stale');
    expect(metrics.snapshot()).toEqual({});
  });

  it('answers with the remembered records, stale as of when they were read, when the system is down', async () => {
    const readAt = time.iso();
    await fetch(['CEET-1', 'CEET-2']);
    time.advance(90 * 60 * 1000);
    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    const found = await fetch(['CEET-1', 'CEET-2']);
    expect(found.get('CEET-1')).toEqual({ ...dossier('CEET-1'), stale: true, asOf: readAt });
    expect(found.get('CEET-2')).toMatchObject({ stale: true, asOf: readAt });
    expect(metrics.snapshot()).toEqual({ ceet: { hits: 2, misses: 0, listHits: 0, listMisses: 0 } });
  });

  it.each<[AdapterErrorCode, boolean]>([
    ['BACKEND_TIMEOUT', true],
    ['CIRCUIT_OPEN', false],
    ['BACKEND_OVERLOADED', false],
    ['BACKEND_ERROR', true],
    ['BAD_BACKEND_RESPONSE', true],
  ])('falls back on %s (retryable: %s)', async (code, retryable) => {
    await fetch(['CEET-1']);
    system.failWith(adapterError(code, retryable));
    expect((await fetch(['CEET-1'])).get('CEET-1')).toMatchObject({ stale: true });
  });

  it('keeps the latest read: a later success moves asOf and the status', async () => {
    await fetch(['CEET-1']);
    time.advance(60_000);
    system.data.set('CEET-1', dossier('CEET-1', '1234567890', 'APPROVED'));
    const secondReadAt = time.iso();
    await fetch(['CEET-1']);
    system.failWith(adapterError('BACKEND_TIMEOUT'));
    expect((await fetch(['CEET-1'])).get('CEET-1')).toMatchObject({ status: 'APPROVED', stale: true, asOf: secondReadAt });
  });

  it('partial knowledge: known keys stale, the others get the original error (not NOT_FOUND) through DataLoader', async () => {
    await fetch(['CEET-1']);
    const outage = adapterError('CIRCUIT_OPEN', false);
    system.failWith(outage);
    const found = await fetch(['CEET-1', 'CEET-2']);
    expect(found.get('CEET-2')).toBe(outage);

    const loader = loaderOver(fetch);
    const [known, unknown] = await Promise.allSettled([loader.load('CEET-1'), loader.load('CEET-2')]);
    expect(known).toMatchObject({ status: 'fulfilled', value: { reference: 'CEET-1', stale: true } });
    expect(unknown.status === 'rejected' && codeOf(unknown.reason)).toBe('CIRCUIT_OPEN');
    expect(metrics.snapshot().ceet).toMatchObject({ hits: 2, misses: 2 });
  });

  it('rethrows the original error when nothing asked is remembered', async () => {
    const outage = adapterError('BACKEND_UNAVAILABLE');
    system.failWith(outage);
    await expect(fetch(['CEET-1', 'CEET-2'])).rejects.toBe(outage);
    expect(metrics.snapshot().ceet).toMatchObject({ hits: 0, misses: 2 });
  });

  it.each<[string, unknown]>([
    ['NOT_FOUND', adapterError('NOT_FOUND', false)],
    ['BAD_USER_INPUT', adapterError('BAD_USER_INPUT', false)],
    ['a non-retryable BACKEND_ERROR', adapterError('BACKEND_ERROR', false)],
    ['a bug', new TypeError('cannot read properties of undefined')],
  ])('does not mask %s: rethrown even with every key remembered', async (_, failure) => {
    await fetch(['CEET-1']);
    system.failWith(failure);
    await expect(fetch(['CEET-1'])).rejects.toBe(failure);
    expect(metrics.snapshot()).toEqual({});
  });

  it('forgets a record the system no longer knows: an outage does not bring it back', async () => {
    await fetch(['CEET-1', 'CEET-2']);
    system.data.delete('CEET-2');
    expect((await fetch(['CEET-1', 'CEET-2'])).has('CEET-2')).toBe(false);
    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    expect((await fetch(['CEET-1', 'CEET-2'])).get('CEET-2')).toBeInstanceOf(AdapterError);
  });

  it('a remembered record the caller may not see gets the error, like an unknown one (existence never leaks)', async () => {
    await fetch(['CEET-1', 'CEET-3']); // read by someone allowed to
    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    const citizenFetch = withLastKnown((keys) => system.getMany(keys), store, { metrics, mayServe: (record) => record.applicantNiu === '1234567890' });
    const loader = loaderOver(citizenFetch, (record) => record.applicantNiu === '1234567890');
    const [own, other, never] = await Promise.allSettled([loader.load('CEET-1'), loader.load('CEET-3'), loader.load('CEET-404')]);
    expect(own.status).toBe('fulfilled');
    expect(other.status === 'rejected' && codeOf(other.reason)).toBe('BACKEND_UNAVAILABLE');
    expect(never.status === 'rejected' && codeOf(never.reason)).toBe('BACKEND_UNAVAILABLE');
  });

  it('stops serving records older than maxAge', async () => {
    await fetch(['CEET-1']);
    time.advance(24 * 60 * 60 * 1000);
    const outage = adapterError('BACKEND_UNAVAILABLE');
    system.failWith(outage);
    await expect(fetch(['CEET-1'])).rejects.toBe(outage);
  });

  it('counts per system, named by the error or by the options', async () => {
    await fetch(['CEET-1']);
    system.failWith(adapterError('BACKEND_UNAVAILABLE', true, 'urbanisme'));
    await fetch(['CEET-1', 'CEET-2']);
    system.failWith(new Error('socket hang up'));
    const named = withLastKnown((keys) => system.getMany(keys), store, { metrics, system: 'rnec', isUnavailable: () => true });
    expect((await named(['CEET-1'])).get('CEET-1')).toMatchObject({ stale: true });
    const anonymous = withLastKnown((keys) => system.getMany(keys), store, { metrics, isUnavailable: () => true });
    await expect(anonymous(['CEET-2'])).rejects.toThrow('socket hang up');
    expect(metrics.snapshot()).toEqual({
      urbanisme: { hits: 1, misses: 1, listHits: 0, listMisses: 0 },
      rnec: { hits: 1, misses: 0, listHits: 0, listMisses: 0 },
      unknown: { hits: 0, misses: 1, listHits: 0, listMisses: 0 },
    });
  });

  it('wraps a thrown non-Error so that DataLoader can reject its key with it', async () => {
    await fetch(['CEET-1']);
    system.failWith('ECONNRESET');
    const lenient = withLastKnown((keys) => system.getMany(keys), store, { metrics, isUnavailable: () => true });
    const missing = (await lenient(['CEET-1', 'CEET-2'])).get('CEET-2');
    expect(missing).toBeInstanceOf(Error);
    expect(missing instanceof Error && missing.message).toBe('ECONNRESET');
  });
});
