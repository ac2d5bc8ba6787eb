import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRnecSimulatorConfig, startRnecSimulator, type RunningRnecSimulator } from '../../../legacy/rnec/index.js';
import { generateWorld, type World } from '../../../legacy/world/index.js';
import { createLogger } from '../../../lib/log/index.js';
import type { RunningService } from '../../../lib/service/index.js';
import { readMinistrySubgraphConfig, startMinistrySubgraph } from '../../shared/index.js';
import { testSubgraphSecret } from '../../shared/testing/index.js';
import { civilRegistry } from '../ministry.js';

export interface TestCivilRegistry {
  readonly world: World;
  readonly rnec: RunningRnecSimulator;
  /** Another civil-registry subgraph on the same RNEC, with extra environment; closed with the rest. */
  startSubgraph(env?: NodeJS.ProcessEnv): Promise<string>;
  /** RNEC's call counter since the last `resetRnec`. */
  rnecCalls(): Promise<Record<string, number>>;
  /** Clears RNEC's faults and call counter. */
  resetRnec(): Promise<void>;
  setRnecFaults(faults: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** An RNEC simulator (no latency, small world) and the real civil-registry subgraphs in front of it, in process. */
export async function startTestCivilRegistry(seed: number): Promise<TestCivilRegistry> {
  const worldEnv = { SEED: String(seed), SCALE: '0.02', SEED_NOW: '2026-11-01' };
  const rnec = await startRnecSimulator(readRnecSimulatorConfig({ PORT: '0', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0', ...worldEnv }));
  const subgraphs: RunningService[] = [];
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${rnec.baseUrl}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  return {
    world: generateWorld({ seed, scale: 0.02, now: '2026-11-01' }),
    rnec,
    async startSubgraph(env = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'guichet-civil-registry-test-'));
      const config = readMinistrySubgraphConfig(civilRegistry, {
        PORT: '0',
        NODE_ENV: 'test',
        RNEC_URL: rnec.url,
        INTERNAL_TOKEN_SECRET: testSubgraphSecret,
        OUTBOX_PATH: join(dir, 'outbox.sqlite'),
        // The copy requests' documents store (the gateway's in production): each subgraph its own, away from .data/.
        DOCUMENTS_PATH: join(dir, 'documents'),
        ...env,
      });
      const subgraph = await startMinistrySubgraph(civilRegistry, config, createLogger('civil-registry-test', 'silent'));
      subgraphs.push(subgraph);
      return subgraph.url;
    },
    rnecCalls: async () => (await admin('GET', '/__admin/calls')).json() as Promise<Record<string, number>>,
    resetRnec: async () => void (await admin('POST', '/__admin/reset')),
    setRnecFaults: async (faults) => void (await admin('PUT', '/__admin/faults', faults)),
    async close() {
      await Promise.all(subgraphs.map((s) => s.close()));
      await rnec.close();
    },
  };
}
