import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { legacyServices } from '../../scripts/stack/index.js';
import { spawnExtra, type ExtraService } from './spawn-extra.js';
import { spawnGateway, type ExtraGateway } from './spawn-gateway.js';
import { testInternalTokenSecret } from './test-secrets.js';

export interface FeedProofStack {
  /** A supervision subgraph of its own, reading the stack's simulators' change feeds every `pollMs`. */
  readonly supervision: ExtraService;
  /** A gateway of its own over the stack's subgraphs, following that supervision subgraph's stream. */
  readonly gateway: ExtraGateway;
  stop(): Promise<void>;
}

/**
 * A supervision subgraph and a gateway that proves answers with its feeds (the stack's own gateway proves nothing:
 * FEED_PROOF_MAX_OWNERS=0), for tests of what the change feeds let the gateway keep. Feed reads every `pollMs`;
 * a kept answer served while its proof is at most `pollMs` + 1 s old.
 */
export async function spawnFeedProofStack(name: string, pollMs: number, gatewayEnv: NodeJS.ProcessEnv = {}): Promise<FeedProofStack> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const legacyUrls = inject('legacyUrls') as Record<string, string>;
  const legacyEnv: NodeJS.ProcessEnv = { CEET_API_KEY: 'dev-ceet-key' };
  for (const s of legacyServices) legacyEnv[s.legacy.urlEnv] = s.legacy.urlFrom === 'endpoint' ? `${legacyUrls[s.legacy.system]}/ws/${s.legacy.system}` : legacyUrls[s.legacy.system];
  const supervision = await spawnExtra(`supervision-${name}`, 'subgraphs/supervision/main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    ...legacyEnv,
    SUPERVISION_STORE_PATH: join(dir, 'read-model.sqlite'),
    SUPERVISION_POLL_MS: String(pollMs),
    SUPERVISION_OUTBOX_OUTCOMES: 'false',
  });
  const gateway = await spawnGateway({
    NODE_ENV: 'test',
    DOSSIER_EVENTS_URL: `${new URL(supervision.url).origin}/internal/dossier-events`,
    FEED_PROOF_MAX_OWNERS: '1000',
    FEED_PROOF_MAX_AGE_MS: String(pollMs + 1_000),
    ...gatewayEnv,
  });
  return {
    supervision,
    gateway,
    async stop() {
      await gateway.stop();
      await supervision.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
