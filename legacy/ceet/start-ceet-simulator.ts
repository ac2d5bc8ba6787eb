import { createServer } from 'node:http';
import { closeServer, listen } from '../../lib/http/index.js';
import { installFaultLayer, knobsFromEnv, type LegacyControl } from '../shared/index.js';
import { generateWorld } from '../world/index.js';
import type { CeetSimulatorConfig } from './config.js';
import { ceetRequestListener } from './ceet-handler.js';
import { ceetProfile } from './ceet-profile.js';
import { ceetRoutes } from './ceet-routes.js';
import { CeetStore } from './ceet-store.js';

export interface CeetSimulator {
  readonly url: string;
  /** Fault and latency knobs and the call counter (also reachable over `/__admin/`). */
  readonly control: LegacyControl;
  readonly store: CeetStore;
  close(): Promise<void>;
}

/** Seeds CEET's slice of the world and serves its REST API (port 0 picks a free port, for tests). */
export async function startCeetSimulator(config: CeetSimulatorConfig): Promise<CeetSimulator> {
  const world = generateWorld({ seed: config.SEED, scale: config.SCALE, now: config.SEED_NOW, heavyCitizens: config.HEAVY_CITIZENS });
  const store = new CeetStore(world.electricityRequests);
  const routes = ceetRoutes(store);
  const server = createServer(ceetRequestListener(routes, config.CEET_API_KEY));
  const control = installFaultLayer(server, ceetProfile(routes), knobsFromEnv(config), {
    setStatus: (numero, statut, nowMs) => store.setStatus(numero, statut, nowMs),
  });
  const url = await listen(server, config.HOST, config.PORT);
  return { url, control, store, close: () => closeServer(server, 1_000) };
}
