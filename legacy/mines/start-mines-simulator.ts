import { createServer } from 'node:http';
import { closeServer, listen } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import { installFaultLayer, knobsFromEnv, type LegacyControl } from '../shared/index.js';
import { generateWorld, seededCompanies } from '../world/index.js';
import { CompanyRegister } from './company-register.js';
import type { MinesSimulatorConfig } from './config.js';
import { DossierStore } from './dossier-store.js';
import { minesProfile } from './profile.js';
import { minesRoutes, createRequestListener } from './routes.js';
import { seedMinesDossiers } from './seed-dossiers.js';

export interface MinesSimulator {
  readonly url: string;
  close(): Promise<void>;
  /** Live fault and latency knobs, call counter. */
  readonly control: LegacyControl;
}

/** Starts the Mines simulator (REST/JSON) on its slice of the seeded world. */
export async function startMinesSimulator(config: MinesSimulatorConfig, log?: Logger): Promise<MinesSimulator> {
  const world = generateWorld({ seed: config.SEED, scale: config.SCALE, now: config.SEED_NOW });
  const store = new DossierStore(seedMinesDossiers(world));
  const register = new CompanyRegister(seededCompanies(world));
  const routes = minesRoutes(store, register);

  const server = createServer({ keepAliveTimeout: 5_000 });
  server.on('request', createRequestListener(routes));
  const control = installFaultLayer(server, minesProfile(routes), knobsFromEnv(config), {
    setStatus: (numero, codeEtat, nowMs) => store.setStatus(numero, codeEtat, nowMs),
  });
  const url = await listen(server, config.HOST, config.PORT);
  log?.info({ dossiers: store.size, companies: register.size }, 'world loaded');
  return { url, control, close: () => closeServer(server, 1_000) };
}
