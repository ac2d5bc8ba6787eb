import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDocumentStoreContract } from '../test-support/document-store-contract.js';
import { createFileDocumentStore } from './file-document-store.js';

const root = mkdtempSync(join(tmpdir(), 'guichet-documents-'));
let folders = 0;
const freshFolder = () => join(root, `store-${(folders += 1)}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeDocumentStoreContract('filesystem store', async (clock) => createFileDocumentStore({ directory: freshFolder(), clock: clock.now }));

describe('filesystem store', () => {
  it('keeps bytes content-addressed, owner-only, with no temporary file left behind', async () => {
    const directory = freshFolder();
    const store = createFileDocumentStore({ directory });
    const bytes = Buffer.from('%PDF-1.7 plan');
    const stored = await store.put({ owner: { subject: 's', niu: '1000000001' }, kind: 'SITE_PLAN', mediaType: 'application/pdf', bytes, sha256: 'ab'.repeat(32) });
    const folder = join(directory, 'blobs', 'ab');
    expect(readdirSync(folder)).toEqual(['ab'.repeat(32)]);
    expect(statSync(join(folder, stored.sha256)).mode & 0o777).toBe(0o600);
    expect(statSync(join(directory, 'blobs')).mode & 0o777).toBe(0o700);
    await store.close();
  });

  it('is shared by two processes opening the same folder (the gateway stores, the subgraph reads)', async () => {
    const directory = freshFolder();
    const gateway = createFileDocumentStore({ directory });
    const subgraph = createFileDocumentStore({ directory });
    const stored = await gateway.put({ owner: { subject: 's', niu: '1000000001' }, kind: 'SITE_PLAN', mediaType: 'application/pdf', bytes: Buffer.from('x'), sha256: 'cd'.repeat(32) });
    expect((await subgraph.read(stored.id))?.toString()).toBe('x');
    await gateway.close();
    await subgraph.close();
  });
});
