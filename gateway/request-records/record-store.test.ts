import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RequestRecord } from './request-record.js';
import { createBufferedSink } from './record-sink.js';
import { openRecordWriter } from './record-writer.js';
import { createSqliteRecordStore } from './sqlite-record-store.js';
import { createLogger } from '../../lib/log/index.js';

const record = (at: string, traceId: string, extra: Partial<RequestRecord> = {}): RequestRecord => ({
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

describe('the operational records store', () => {
  it('keeps records whole, lists them newest first and by trace, and prunes past retention', () => {
    const store = createSqliteRecordStore(join(mkdtempSync(join(tmpdir(), 'guichet-ops-')), 'ops', 'operations.sqlite'));
    const old = record('2026-11-01T08:00:00.000Z', 'a'.repeat(32));
    const recent = record('2026-11-02T08:00:00.000Z', 'b'.repeat(32), { role: 'agent', ministry: 'ENERGY', outcome: 'partial', errorCodes: ['BACKEND_TIMEOUT'] });
    store.append([old, recent]);
    expect(store.recent()).toEqual([recent, old]);
    expect(store.byTraceId('a'.repeat(32))).toEqual([old]);
    expect(store.recent({ sinceMs: Date.parse('2026-11-02T00:00:00Z') })).toEqual([recent]);
    expect(store.prune(Date.parse('2026-11-02T00:00:00Z'))).toBe(1);
    expect(store.count()).toBe(1);
    store.close();
  });

  it('is pruned at open by its writer, then told of each batch', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-ops-')), 'operations.sqlite');
    const seed = createSqliteRecordStore(path);
    seed.append([record('2026-11-01T08:00:00.000Z', 'c'.repeat(32))]);
    seed.close();
    const onWritten = vi.fn();
    const writer = openRecordWriter({ path, retentionMs: 3_600_000, log: createLogger('ops-test', 'silent'), onWritten, now: () => Date.parse('2026-11-01T10:00:00Z') });
    expect(writer.store.count()).toBe(0);
    writer.append([record('2026-11-01T09:30:00.000Z', 'd'.repeat(32))]);
    expect(onWritten).toHaveBeenCalledWith(1, expect.any(Number));
    writer.close();
  });
});

describe('the buffered sink', () => {
  it('writes in batches off the caller, and on close', async () => {
    const batches: number[] = [];
    const sink = createBufferedSink({ write: (batch) => void batches.push(batch.length), maxBatch: 3, flushIntervalMs: 10_000, onError: () => undefined });
    for (let i = 0; i < 7; i += 1) sink.record(record('2026-11-01T08:00:00.000Z', 'e'.repeat(32)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([3, 3]);
    await sink.close();
    expect(batches).toEqual([3, 3, 1]);
  });

  it('drops the oldest beyond its bound and a batch that fails, and says so', async () => {
    const dropped: number[] = [];
    const errors: number[] = [];
    const sink = createBufferedSink({
      write: () => Promise.reject(new Error('disk full')),
      maxBatch: 100,
      maxQueued: 2,
      flushIntervalMs: 10_000,
      onError: (_error, n) => errors.push(n),
      onDropped: (n) => dropped.push(n),
    });
    for (let i = 0; i < 3; i += 1) sink.record(record('2026-11-01T08:00:00.000Z', 'f'.repeat(32)));
    await sink.close();
    expect(dropped).toEqual([1, 2]);
    expect(errors).toEqual([2]);
  });
});
