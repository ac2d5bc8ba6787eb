import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBufferedSink } from './record-sink.js';
import { openRecordWriter } from './record-writer.js';
import { createSqliteRecordStore, createSqliteRequestRecordStore } from './sqlite-record-store.js';
import { describeRecordStoreContract, requestRecord } from './test-support/record-store-contract.js';
import { createLogger } from '../../lib/log/index.js';

const record = requestRecord;

describeRecordStoreContract('SQLite store', async () => createSqliteRequestRecordStore(join(mkdtempSync(join(tmpdir(), 'guichet-ops-')), 'ops', 'operations.sqlite')));

describe('the operational records writer', () => {
  it('prunes at open, then is told of each batch', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-ops-')), 'operations.sqlite');
    const seed = createSqliteRecordStore(path);
    seed.append([record('2026-11-01T08:00:00.000Z', 'c'.repeat(32))]);
    seed.close();
    const onWritten = vi.fn();
    const writer = openRecordWriter({
      store: createSqliteRequestRecordStore(path),
      retentionMs: 3_600_000,
      log: createLogger('ops-test', 'silent'),
      onWritten,
      now: () => Date.parse('2026-11-01T10:00:00Z'),
    });
    await writer.pruned;
    expect(await writer.store.count()).toBe(0);
    await writer.append([record('2026-11-01T09:30:00.000Z', 'd'.repeat(32))]);
    expect(onWritten).toHaveBeenCalledWith(1, expect.any(Number));
    expect(await writer.store.count()).toBe(1);
    await writer.close();
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
