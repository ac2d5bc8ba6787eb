import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../ceet/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator } from '../mines/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from '../rnec/index.js';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../urbanisme/index.js';
import { generateWorld } from '../world/index.js';
import { noFaults } from './index.js';
import { createSimulatorAdmin, SimulatorAdminError } from './simulator-admin-client.js';

/** `POST /__admin/dossiers/<number>/status` on every simulator with a change feed. */
const world = { seed: 5, scale: 0.01, now: '2026-11-01' };
const seeded = generateWorld(world);
let rnec: RunningRnecSimulator;
let ceet: CeetSimulator;
let urbanisme: UrbanismeSimulator;
let mines: MinesSimulator;

beforeAll(async () => {
  const env = { PORT: '0', SEED: String(world.seed), SCALE: String(world.scale), SEED_NOW: world.now, LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' };
  [rnec, ceet, urbanisme, mines] = await Promise.all([
    startRnecSimulator({ host: '127.0.0.1', port: 0, world, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } }),
    startCeetSimulator(readCeetSimulatorConfig({ ...env, CEET_API_KEY: 'k' })),
    startUrbanismeSimulator(readUrbanismeConfig(env)),
    startMinesSimulator(readMinesConfig(env)),
  ]);
});
afterAll(async () => {
  await Promise.all([rnec?.close(), ceet?.close(), urbanisme?.close(), mines?.close()]);
});

/** Per simulator: its admin origin, a seeded number, a valid code, what the answer's dossier shows, and its change feed. */
const cases = () => {
  const firstCeet = seeded.electricityRequests[0];
  const firstPermit = seeded.permitApplications[0];
  const firstCopy = seeded.copyRequests[0];
  const firstMine = seedMinesDossiers(seeded)[0];
  if (!firstCeet || !firstPermit || !firstCopy || !firstMine) throw new Error('empty seeded world');
  return [
    { name: 'ceet', origin: ceet.url, number: firstCeet.numero, status: '40', shows: { statut: 40, libelleStatut: 'DEVIS PAYE' }, feed: () => ceet.store.changedSince('2000-01-01 00:00:00').at(-1) },
    { name: 'urbanisme', origin: urbanisme.url, number: firstPermit.numero, status: 'SIGNATURE', shows: { etape: 'SIGNATURE', libelle_etape: 'Circuit de signature' }, feed: null },
    { name: 'rnec', origin: rnec.baseUrl, number: firstCopy.number, status: 'SIGNEE', shows: { STATUT: 'SIGNEE' }, feed: null },
    { name: 'mines', origin: mines.url, number: firstMine.NumeroDossier, status: 'PAIE', shows: { CodeEtat: 'PAIE', LibelleEtat: 'En attente du paiement des droits fixes' }, feed: null },
  ];
};

describe('POST /__admin/dossiers/<number>/status', () => {
  it.each(['ceet', 'urbanisme', 'rnec', 'mines'])('%s: moves the dossier, dated now, and its history ends with the new step', async (name) => {
    const c = cases().find((x) => x.name === name);
    if (!c) throw new Error(name);
    const before = Date.now();
    const dossier = (await createSimulatorAdmin(new URL(c.origin).origin, name).setDossierStatus(c.number, c.status)) as Record<string, unknown>;
    expect(dossier).toMatchObject(c.shows);
    const history = Object.values(dossier).find((v) => Array.isArray(v) || (typeof v === 'object' && v !== null && 'ETAPE' in v));
    const steps = (Array.isArray(history) ? history : (history as { ETAPE: unknown[] }).ETAPE) as Record<string, unknown>[];
    expect(Object.values(steps.at(-1) ?? {})).toContain(name === 'ceet' ? 40 : c.status);
    if (c.feed) expect(c.feed()).toMatchObject(c.shows);
    // Dated now (to the system's own precision: the minute for SIGEM and RNEC).
    const text = JSON.stringify(dossier);
    const today = new Date(before).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    expect(text.includes(today) || text.includes(`${d}/${m}/${y}`)).toBe(true);
  });

  it.each(['ceet', 'urbanisme', 'rnec', 'mines'])('%s: 404 for an unknown number, 400 for an unknown code', async (name) => {
    const c = cases().find((x) => x.name === name);
    if (!c) throw new Error(name);
    const admin = createSimulatorAdmin(new URL(c.origin).origin, name);
    await expect(admin.setDossierStatus('NOPE-0000', c.status)).rejects.toMatchObject({ status: 404 });
    await expect(admin.setDossierStatus(c.number, 'NOT-A-STATUS')).rejects.toBeInstanceOf(SimulatorAdminError);
    await expect(admin.setDossierStatus(c.number, 'NOT-A-STATUS')).rejects.toMatchObject({ status: 400 });
    const noBody = await fetch(`${new URL(c.origin).origin}/__admin/dossiers/${encodeURIComponent(c.number)}/status`, { method: 'POST', body: '{}' });
    expect(noBody.status).toBe(400);
  });
});
