import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCeetAdapter } from '../../adapters/ceet/index.js';
import { createRnecAdapter } from '../../adapters/rnec/index.js';
import { createUrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../ceet/index.js';
import { readRnecSimulatorConfig, startRnecSimulator, type RunningRnecSimulator } from '../rnec/index.js';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../urbanisme/index.js';
import { heavyCitizens } from './heavy-citizens.js';

// Every simulator reads the same HEAVY_CITIZENS, as the stack passes it to all of them.
const env = { PORT: '0', SEED: '20261123', SCALE: '0.01', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0', CEET_API_KEY: 'k', HEAVY_CITIZENS: '10,1000' };
const [light, heavy] = heavyCitizens(20_261_123, [10, 1_000]);

let rnec: RunningRnecSimulator;
let ceet: CeetSimulator;
let urbanisme: UrbanismeSimulator;

beforeAll(async () => {
  [rnec, ceet, urbanisme] = await Promise.all([startRnecSimulator(readRnecSimulatorConfig(env)), startCeetSimulator(readCeetSimulatorConfig(env)), startUrbanismeSimulator(readUrbanismeConfig(env))]);
});
afterAll(() => Promise.all([rnec?.close(), ceet?.close(), urbanisme?.close()]));

describe('heavy citizens through the real adapters', () => {
  it('are known to RNEC, with their birth act', async () => {
    const adapter = createRnecAdapter({ url: rnec.url, timeoutMs: 5_000 });
    const found = await adapter.getCitizens([light!.niu, heavy!.niu]);
    expect([...found.keys()].sort()).toEqual([light!.niu, heavy!.niu].sort());
    expect((await adapter.listActs(heavy!.niu)).map((a) => a.kind)).toEqual(['BIRTH']);
  });

  it.each([
    ['10', () => light!],
    ['1,000', () => heavy!],
  ])('list every one of %s dossiers, all pages followed', async (_label, citizen) => {
    const { niu, copyRequests, electricityRequests, permitApplications, dossierCount } = citizen();
    for (const sim of [rnec, ceet, urbanisme]) sim.control.calls.reset();
    const [copies, connections, permits] = await Promise.all([
      createRnecAdapter({ url: rnec.url, timeoutMs: 5_000 }).listCopyRequests(niu),
      createCeetAdapter({ baseUrl: ceet.url, apiKey: 'k', timeoutMs: 5_000 }).listDossiersOfCitizen(niu),
      createUrbanismeAdapter({ baseUrl: urbanisme.url, timeoutMs: 5_000 }).listDossiersOfCitizen(niu),
    ]);
    expect([copies.length, connections.length, permits.length]).toEqual([copyRequests, electricityRequests, permitApplications]);
    expect(copies.length + connections.length + permits.length).toBe(dossierCount);
    // Every reference once: the page walks neither skip nor repeat.
    const references = [...copies, ...connections, ...permits].map((d) => d.reference);
    expect(new Set(references).size).toBe(dossierCount);
    // CEET pages by 50 and Urbanisme by 100: each walk costs ceil(n / page) calls, RNEC's list one.
    expect(rnec.control.calls.snapshot()).toMatchObject({ ListerDemandes: 1 });
    expect(ceet.control.calls.snapshot()).toEqual({ listerDemandes: Math.ceil(electricityRequests / 50) });
    expect(urbanisme.control.calls.snapshot()).toEqual({ listerDossiers: Math.ceil(permitApplications / 100) });
  });
});
