import { describe, expect, it } from 'vitest';
import { createAccessRecorder } from '../../../audit/index.js';
import type { Principal } from '../../../auth/index.js';
import type { Outbox } from '../../../outbox/index.js';
import { createLastKnownStore } from '../fallback/index.js';
import { createListingSeal } from '../listing-seal/index.js';
import { dossierLoaders, type LoadedDossier } from './dossier-loaders.js';

type Rec = LoadedDossier & { readonly updatedAt: string; readonly status: string };

const niu = '123456789012';
const citizen: Principal = { subject: `citizen-${niu}`, role: 'citizen', niu, scopes: ['citizen'], clientId: 'portail-web' };
const stranger: Principal = { subject: 'citizen-999999999999', role: 'citizen', niu: '999999999999', scopes: ['citizen'], clientId: 'portail-web' };
// 30 records, updated one day apart, listed oldest first: the newest are the last ones.
const records: Rec[] = Array.from({ length: 30 }, (_, i) => ({
  reference: `CEET-2026-${String(i + 1).padStart(6, '0')}`,
  applicantNiu: niu,
  updatedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  status: 'IN_PROGRESS',
}));
const seal = createListingSeal({ secret: 'dossier-loaders-test-secret-0123456789abcdef', subgraph: 'electricity', ttlMs: 8_000 });
const outbox = { listForApplicant: async () => [], get: async () => null } as unknown as Outbox<Rec>;

function loaders(principal: Principal, traceId: string, maxSealed = 20) {
  const calls = { getMany: [] as string[][], list: 0 };
  const access = createAccessRecorder();
  const loaded = dossierLoaders<Rec>({
    system: 'ceet',
    ministry: 'ENERGY',
    principal,
    access,
    lastKnown: createLastKnownStore<Rec>(),
    outbox,
    queuedRecord: () => {
      throw new Error('no queued record here');
    },
    getMany: async (references) => {
      calls.getMany.push([...references]);
      return new Map(records.filter((r) => references.includes(r.reference)).map((r) => [r.reference, r]));
    },
    listOfCitizen: async () => {
      calls.list += 1;
      return records;
    },
    notFound: (reference) => new Error(`NOT_FOUND ${reference}`),
    listingSeal: { seal, maxSealed, traceId },
  });
  return { loaded, calls, access };
}

describe('dossier loaders: sealed listings', () => {
  it('a citizen’s list seals its newest DOSSIER_LISTING_SEAL_MAX records only, in the list’s own order', async () => {
    const { loaded } = loaders(citizen, 'trace-a', 20);
    const list = await loaded.listOfCitizen(niu);
    expect(list.map((r) => r.reference)).toEqual(records.map((r) => r.reference));
    const sealed = list.filter((r) => r.sealedListing !== undefined).map((r) => r.reference);
    expect(sealed).toEqual(records.slice(10).map((r) => r.reference));
  });

  it('0 seals nothing', async () => {
    const { loaded } = loaders(citizen, 'trace-a', 0);
    expect((await loaded.listOfCitizen(niu)).some((r) => r.sealedListing !== undefined)).toBe(false);
  });

  it('the page’s entity fetch opens the seals of the same caller and trace without a legacy read, and records the access', async () => {
    const list = await loaders(citizen, 'trace-a').loaded.listOfCitizen(niu);
    const page = loaders(citizen, 'trace-a');
    const opened = await Promise.all(list.slice(-3).map((r) => page.loaded.byLookup(r.sealedListing!)));
    expect(opened).toMatchObject(records.slice(-3));
    expect(page.calls.getMany).toEqual([]);
    expect(page.access.entries()).toEqual([{ niu, system: 'ceet', action: 'read' }]);
  });

  it('another trace, or an unsealed record of the list, is read by reference, in one batch', async () => {
    const list = await loaders(citizen, 'trace-a').loaded.listOfCitizen(niu);
    const page = loaders(citizen, 'trace-b');
    const lookups = [list.at(-1)!.sealedListing!, list[0]!.reference];
    expect(await Promise.all(lookups.map((l) => page.loaded.byLookup(l)))).toMatchObject([records.at(-1)!, records[0]!]);
    expect(page.calls.getMany).toEqual([[records.at(-1)!.reference, records[0]!.reference]]);
    expect(page.access.entries()).toEqual([{ niu, system: 'ceet', action: 'read' }]);
  });

  it('another caller gets what the visibility rule says, as by reference: NOT_FOUND, nothing recorded', async () => {
    const list = await loaders(citizen, 'trace-a').loaded.listOfCitizen(niu);
    const page = loaders(stranger, 'trace-a');
    await expect(page.loaded.byLookup(list.at(-1)!.sealedListing!)).rejects.toThrow(`NOT_FOUND ${records.at(-1)!.reference}`);
    expect(page.access.entries()).toEqual([]);
  });
});
