import { mkdtempSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { subgraphUrlVariable } from '../gateway/config.js';
import { stackServices, type SpawnedService } from '../scripts/stack/index.js';
import { spawnService } from '../scripts/stack/spawn-service.js';
import { packageRoot } from './ensure-peers.js';
import type { BenchStack } from './start-bench-stack.js';
import { spawnGuichetGateway } from './start-targets.js';

/** A supervision subgraph of the push figure's own and the gateway that reads its dossier events. */
export interface PushServices {
  readonly pollMs: number;
  readonly supervision: SpawnedService;
  readonly gateway: SpawnedService;
  /** The gateway's origin (`http://127.0.0.1:<port>`). */
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * A supervision subgraph polling the stack's simulators every `pollMs` (its own read model in the run's folder, so
 * its own initial load and event log), and a Guichet gateway beside the stack's whose subscriptions read that
 * subgraph's internal stream (`DOSSIER_EVENTS_URL`), with `gatewayEnv` (the subscription caps of the figure).
 */
export async function startPushServices(bench: BenchStack, pollMs: number, gatewayEnv: Readonly<Record<string, string>>, onLine: (name: string, line: string) => void): Promise<PushServices> {
  const subgraphUrls: NodeJS.ProcessEnv = {};
  for (const subgraph of stackServices.filter((s) => s.tier === 'subgraph')) subgraphUrls[subgraphUrlVariable(subgraph.name)] = bench.stack.services.get(subgraph.name)?.url ?? '';
  const dir = mkdtempSync(join(bench.dataDir, `push-${pollMs}-`));
  const name = `supervision-poll-${pollMs}`;
  const supervision = await spawnService({
    name,
    entryPath: join(packageRoot, 'dist', 'subgraphs', 'supervision', 'main.js'),
    env: {
      ...process.env,
      ...bench.stackEnv,
      ...bench.stack.adapterEnv,
      ...subgraphUrls,
      PORT: '0',
      SUPERVISION_POLL_MS: String(pollMs),
      SUPERVISION_STORE_PATH: join(dir, 'read-model.sqlite'),
    },
    onLine,
  });
  try {
    await waitForInitialLoad(supervision);
    const gateway = await spawnGuichetGateway(bench, `guichet-push-${pollMs}`, { DOSSIER_EVENTS_URL: new URL('/internal/dossier-events', supervision.url).href, ...gatewayEnv }, onLine);
    return {
      pollMs,
      supervision,
      gateway,
      origin: new URL(gateway.url).origin,
      async stop() {
        await gateway.stop();
        await supervision.stop();
      },
    };
  } catch (error) {
    await supervision.stop();
    throw error;
  }
}

/**
 * Until the subgraph's `/ready` says `ready`: every feed's initial load done (a change before it is part of the
 * load and makes no event). Three minutes at most: RNEC's load at SCALE 1 takes seconds on an idle machine.
 */
async function waitForInitialLoad(supervision: SpawnedService): Promise<void> {
  const url = new URL('/ready', supervision.url);
  const deadline = Date.now() + 180_000;
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => undefined);
    last = response ? await response.text() : 'no answer';
    if (response?.ok && (JSON.parse(last) as { status?: unknown }).status === 'ready') return;
    await sleep(500);
  }
  throw new Error(`${supervision.name} did not finish its initial load within 180 s: ${last.slice(0, 300)}`);
}
