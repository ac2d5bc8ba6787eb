import { createServer } from 'node:http';
import { closeServer, listen } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import { installFaultLayer, knobsFromEnv, type LegacyControl } from '../shared/index.js';
import { generateWorld } from '../world/index.js';
import { architectRegister } from './architect-register.js';
import type { UrbanismeSimulatorConfig } from './config.js';
import { DossierStore } from './dossier-store.js';
import { toLegacyDossier } from './legacy-dossier.js';
import { createRequestListener } from './router.js';
import { urbanismeProfile } from './profile.js';
import { urbanismeRoutes } from './routes.js';

export interface UrbanismeSimulator {
  readonly url: string;
  close(): Promise<void>;
  /** Live fault and latency knobs, call counter. */
  readonly control: LegacyControl;
}

/** Starts the Urbanisme simulator (REST/JSON, every reply HTTP 200) on its slice of the seeded world. */
export async function startUrbanismeSimulator(config: UrbanismeSimulatorConfig, log?: Logger): Promise<UrbanismeSimulator> {
  const world = generateWorld({ seed: config.SEED, scale: config.SCALE, now: config.SEED_NOW, heavyCitizens: config.HEAVY_CITIZENS });
  const store = new DossierStore(world.permitApplications.map(toLegacyDossier));
  const register = architectRegister(world);
  const routes = urbanismeRoutes(store, register);

  const server = createServer({ keepAliveTimeout: 5_000 });
  server.on('request', createRequestListener(routes));
  const control = installFaultLayer(server, urbanismeProfile(routes), knobsFromEnv(config), {
    setStatus: (numero, etape, nowMs) => store.setStatus(numero, etape, nowMs),
  });
  const url = await listen(server, config.HOST, config.PORT);
  log?.info({ dossiers: store.size, architects: register.size }, 'world loaded');
  return { url, control, close: () => closeServer(server, 1_000) };
}
