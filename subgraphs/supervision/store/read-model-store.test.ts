import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DossierFact } from '../read-model/index.js';
import { createMemoryReadModelStore, createSqliteReadModelStore, type ReadModelStore } from './index.js';

const fact = (key: string, status: DossierFact['status'], decidedMs: number | null = null): DossierFact => ({
  key,
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT-BT',
  commune: key.endsWith('2') ? null : 'GOLFE1',
  status,
  submittedMs: Date.parse('2026-10-01T08:00:00Z'),
  decidedMs,
  updatedMs: Date.parse('2026-10-02T08:00:00Z'),
});

const stores: [string, () => ReadModelStore][] = [
  ['memory', () => createMemoryReadModelStore()],
  ['sqlite', () => createSqliteReadModelStore({ path: join(mkdtempSync(join(tmpdir(), 'guichet-supervision-')), 'read-model.sqlite'), sources: 'a' })],
];

describe.each(stores)('%s read-model store', (_name, open) => {
  it('keeps the latest version of each dossier and each feed’s cursor', async () => {
    const store = open();
    expect(await store.load()).toEqual({ facts: [], cursors: new Map() });
    await store.save('ceet', [fact('CEET-2026-000001', 'SUBMITTED'), fact('CEET-2026-000002', 'IN_PROGRESS')], 100);
    await store.save('ceet', [fact('CEET-2026-000001', 'COMPLETED', 1_000)], 200);
    await store.save('rnec', [], 150);
    const loaded = await store.load();
    expect(loaded.facts.map((f) => [f.key, f.status, f.decidedMs, f.commune]).sort()).toEqual([
      ['CEET-2026-000001', 'COMPLETED', 1_000, 'GOLFE1'],
      ['CEET-2026-000002', 'IN_PROGRESS', null, null],
    ]);
    expect(loaded.cursors).toEqual(
      new Map([
        ['ceet', 200],
        ['rnec', 150],
      ]),
    );
    await store.close();
  });
});

describe('sqlite read-model store', () => {
  const path = () => join(mkdtempSync(join(tmpdir(), 'guichet-supervision-')), 'read-model.sqlite');

  it('survives a restart: a new process finds the facts and cursors', async () => {
    const file = path();
    const first = createSqliteReadModelStore({ path: file, sources: 'rnec=a ceet=b' });
    await first.save('urbanisme', [fact('URB-2026-000001', 'SUBMITTED')], 42);
    await first.close();
    const second = createSqliteReadModelStore({ path: file, sources: 'rnec=a ceet=b' });
    expect((await second.load()).cursors.get('urbanisme')).toBe(42);
    await second.close();
  });

  it('starts over when the legacy systems it was built from are not the same', async () => {
    const file = path();
    const first = createSqliteReadModelStore({ path: file, sources: 'ceet=http://one' });
    await first.save('ceet', [fact('CEET-2026-000001', 'SUBMITTED')], 42);
    await first.close();
    const other = createSqliteReadModelStore({ path: file, sources: 'ceet=http://two' });
    expect(await other.load()).toEqual({ facts: [], cursors: new Map() });
    await other.close();
  });
});
