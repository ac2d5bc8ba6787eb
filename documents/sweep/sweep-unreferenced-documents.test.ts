import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../audit/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createFileDocumentStore } from '../storage/index.js';
import { contractClock } from '../test-support/document-store-contract.js';
import { sweepUnreferencedDocuments } from './sweep-unreferenced-documents.js';

const root = mkdtempSync(join(tmpdir(), 'guichet-sweep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const log = createLogger('sweep-test', 'silent');
const hour = 3_600_000;

function upload(text: string, niu = '1000000001') {
  const bytes = Buffer.from(text);
  return { owner: { subject: `citizen-${niu}`, niu }, kind: 'SITE_PLAN' as const, mediaType: 'application/pdf' as const, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('sweepUnreferencedDocuments', () => {
  it('deletes what no dossier references once the TTL has passed, keeps the rest, and audits each deletion', async () => {
    const clock = contractClock();
    const store = createFileDocumentStore({ directory: join(root, 'a'), clock: clock.now });
    const abandoned = await store.put(upload('abandoned', '1000000007'));
    const filed = await store.put(upload('filed'));
    await store.markReferenced([filed.id], 'MEM-2026-000010');
    clock.advance(23 * hour);
    const recent = await store.put(upload('recent'));
    const audited: AuditEntry[] = [];
    const sweep = () => sweepUnreferencedDocuments({ store, unreferencedTtlMs: 24 * hour, audit: async (entries) => void audited.push(...entries), log, clock: clock.now, batchSize: 2 });

    expect(await sweep()).toBe(0);
    clock.advance(2 * hour);
    expect(await sweep()).toBe(1);
    expect(await store.find(abandoned.id)).toBeUndefined();
    expect(await store.read(abandoned.id)).toBeUndefined();
    expect(await store.find(filed.id)).toBeDefined();
    expect(await store.find(recent.id)).toBeDefined();
    expect(audited).toEqual([expect.objectContaining({ niu: '1000000007', action: 'write', operationName: 'document:delete', systems: ['documents'], subject: 'guichet:documents-sweep' })]);
    await store.close();
  });

  it('goes through every batch in one call, and two sweepers racing audit each deletion once', async () => {
    const clock = contractClock();
    const store = createFileDocumentStore({ directory: join(root, 'b'), clock: clock.now });
    for (let i = 0; i < 7; i += 1) await store.put(upload(`old-${i}`));
    clock.advance(25 * hour);
    const audited: AuditEntry[] = [];
    const options = { store, unreferencedTtlMs: 24 * hour, audit: async (entries: readonly AuditEntry[]) => void audited.push(...entries), log, clock: clock.now, batchSize: 3 };
    const [a, b] = await Promise.all([sweepUnreferencedDocuments(options), sweepUnreferencedDocuments(options)]);
    expect(a + b).toBe(7);
    expect(audited).toHaveLength(7);
    expect(await store.listUnreferencedBefore(new Date(clock.now()), 10)).toEqual([]);
    await store.close();
  });
});
