import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../request-record.js';
import type { RequestRecordStore } from '../request-record-store.js';

export const requestRecord = (at: string, traceId: string, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  at,
  traceId,
  clientId: 'portail-web',
  role: 'citizen',
  operationName: 'DossierStatus',
  operationType: 'query',
  status: 200,
  outcome: 'success',
  durationMs: 12.3,
  responseBytes: 321,
  errorCodes: [],
  subgraphs: [{ subgraph: 'electricity', durationMs: 8.1, outcome: 'ok' }],
  legacyCalls: [{ subgraph: 'electricity', system: 'ceet', operation: 'GET /v1/demandes', durationMs: 5.2, outcome: 'ok' }],
  ...extra,
});

/** What every RequestRecordStore must do (SQLite, PostgreSQL): keep records whole, list them, prune past retention. */
export function describeRecordStoreContract(name: string, open: () => Promise<RequestRecordStore>): void {
  describe(`${name}: RequestRecordStore contract`, () => {
    const stores: RequestRecordStore[] = [];
    const fresh = async () => {
      const store = await open();
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
    });

    it('keeps records whole, lists them newest first, since a time and by trace', async () => {
      const store = await fresh();
      const old = requestRecord('2026-11-01T08:00:00.000Z', 'a'.repeat(32), { operationName: null, operationType: null });
      const recent = requestRecord('2026-11-02T08:00:00.000Z', 'b'.repeat(32), {
        role: 'agent',
        ministry: 'ENERGY',
        outcome: 'partial',
        errorCodes: ['BACKEND_TIMEOUT'],
        subgraphs: [{ subgraph: 'electricity', durationMs: 8.1, outcome: 'error', code: 'BACKEND_TIMEOUT', shared: true }],
      });
      await store.append([old, recent]);
      await store.append([]);
      expect(await store.recent()).toEqual([recent, old]);
      expect(await store.recent({ limit: 1 })).toEqual([recent]);
      expect(await store.byTraceId('a'.repeat(32))).toEqual([old]);
      expect(await store.byTraceId('c'.repeat(32))).toEqual([]);
      expect(await store.recent({ sinceMs: Date.parse('2026-11-02T00:00:00Z') })).toEqual([recent]);
      expect(await store.count()).toBe(2);
    });

    it('writes a large batch at once, and prunes what is older than the retention, however many', async () => {
      const store = await fresh();
      const base = Date.parse('2026-11-01T00:00:00Z');
      await store.append(Array.from({ length: 1_200 }, (_, i) => requestRecord(new Date(base + i * 60_000).toISOString(), i.toString(16).padStart(32, '0'))));
      expect(await store.count()).toBe(1_200);
      expect(await store.prune(base + 1_000 * 60_000)).toBe(1_000);
      expect(await store.count()).toBe(200);
      expect(await store.prune(base)).toBe(0);
      expect((await store.recent({ limit: 1_000 })).at(-1)?.at).toBe(new Date(base + 1_000 * 60_000).toISOString());
    });
  });
}
