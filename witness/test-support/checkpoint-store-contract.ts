import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointConflictError, type CheckpointStore, type WitnessedCheckpoint } from '../store/index.js';

/** A checkpoint of `log` at position `n` (seq 10·n unless given). */
export function witnessed(log: string, n: number, seq = 10 * n): WitnessedCheckpoint {
  return { log, n, seq, hash: (n % 16).toString(16).repeat(64), witnessedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(), kid: 'kid-1', jws: `jws-${log}-${n}` };
}

/**
 * What every CheckpointStore must do, run against each implementation (memory, SQLite, PostgreSQL):
 * append-only, per log, forward only, atomic under concurrent appends, alarms and keys kept.
 */
export function describeCheckpointStoreContract(name: string, open: () => CheckpointStore | Promise<CheckpointStore>): void {
  describe(`${name}: CheckpointStore contract`, () => {
    const opened: CheckpointStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('keeps checkpoints per log, latest last, listed ascending after a seq and up to a limit', async () => {
      const store = await fresh();
      expect(await store.latest('guichet')).toBeUndefined();
      for (let n = 1; n <= 5; n += 1) await store.append(witnessed('guichet', n));
      await store.append(witnessed('other', 1, 3));
      expect(await store.latest('guichet')).toEqual(witnessed('guichet', 5));
      expect(await store.latest('other')).toEqual(witnessed('other', 1, 3));
      expect((await store.list('guichet', { afterSeq: 20, limit: 10 })).map((c) => c.seq)).toEqual([30, 40, 50]);
      expect((await store.list('guichet', { afterSeq: -1, limit: 2 })).map((c) => c.n)).toEqual([1, 2]);
      expect(await store.list('nobody', { afterSeq: -1, limit: 10 })).toEqual([]);
    });

    it('refuses what does not come right after the last, or does not go forward, and writes nothing', async () => {
      const store = await fresh();
      await store.append(witnessed('guichet', 1, 10));
      for (const bad of [witnessed('guichet', 1, 20), witnessed('guichet', 3, 30), witnessed('guichet', 2, 10), witnessed('guichet', 2, 5), witnessed('guichet', 0, 0)]) {
        await expect(store.append(bad)).rejects.toBeInstanceOf(CheckpointConflictError);
      }
      await expect(store.append(witnessed('guichet', 2, 0))).rejects.toBeInstanceOf(CheckpointConflictError);
      expect(await store.list('guichet', { afterSeq: -1, limit: 10 })).toEqual([witnessed('guichet', 1, 10)]);
    });

    it('lets exactly one of concurrent appends from the same point win', async () => {
      const store = await fresh();
      await store.append(witnessed('guichet', 1));
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.append({ ...witnessed('guichet', 2), seq: 20 + i })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => r.status === 'rejected' && r.reason instanceof CheckpointConflictError)).toBe(true);
      expect((await store.list('guichet', { afterSeq: -1, limit: 10 })).map((c) => c.n)).toEqual([1, 2]);
    });

    it('keeps alarms, newest first, per log', async () => {
      const store = await fresh();
      const alarm = { log: 'guichet', at: '2026-11-01T00:00:00.000Z', kind: 'rollback' as const, seq: 0, hash: '0'.repeat(64), witnessedSeq: 40, witnessedHash: 'a'.repeat(64), reason: 'went back' };
      await store.recordAlarm(alarm);
      await store.recordAlarm({ ...alarm, kind: 'fork', seq: 40, at: '2026-11-01T00:00:01.000Z' });
      await store.recordAlarm({ ...alarm, log: 'other' });
      expect((await store.alarms('guichet', { limit: 10 })).map((a) => a.kind)).toEqual(['fork', 'rollback']);
      expect(await store.alarms('guichet', { limit: 1 })).toEqual([{ ...alarm, kind: 'fork', seq: 40, at: '2026-11-01T00:00:01.000Z' }]);
    });

    it('remembers each signing key once, the first version kept', async () => {
      const store = await fresh();
      const key = { kid: 'k1', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'x1', kid: 'k1' } };
      await store.rememberKey(key);
      await store.rememberKey({ kid: 'k1', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'changed', kid: 'k1' } });
      await store.rememberKey({ kid: 'k2', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'x2', kid: 'k2' } });
      expect((await store.publicKeys()).map((k) => [k.kid, k.publicJwk.x])).toEqual([
        ['k1', 'x1'],
        ['k2', 'x2'],
      ]);
    });
  });
}
