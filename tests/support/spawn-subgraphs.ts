import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { legacyServices, stackServices } from '../../scripts/stack/index.js';
import { spawnExtra, type ExtraService } from './spawn-extra.js';
import { testInternalTokenSecret } from './test-secrets.js';

/**
 * A second set of the subgraphs over the stack's legacy simulators, capturing their log lines (the global
 * setup keeps the stack's own lines to itself). `auditLogPath`: the trail the dossiers subgraph reads.
 */
export async function spawnSubgraphs(env: NodeJS.ProcessEnv & { AUDIT_LOG_PATH: string }): Promise<ExtraService[]> {
  const legacy = inject('legacyUrls');
  const shared: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    // The REST systems' base URL is their origin; RNEC's SOAP endpoint is under /ws/rnec.
    ...Object.fromEntries(legacyServices.map((s) => [s.legacy.urlEnv, s.legacy.urlFrom === 'endpoint' ? `${legacy[s.legacy.system]}/ws/rnec` : legacy[s.legacy.system]])),
    ...env,
  };
  // Each extra subgraph keeps its own outbox (and the supervision its read model), away from the stack's and the developer's.
  const outboxDir = mkdtempSync(join(tmpdir(), 'guichet-extra-outbox-'));
  const supervisionStore = { SUPERVISION_STORE_PATH: join(outboxDir, 'supervision-read-model.sqlite') };
  return Promise.all(stackServices.filter((s) => s.tier === 'subgraph').map((s) => spawnExtra(s.name, s.entry, { ...shared, ...supervisionStore, OUTBOX_PATH: join(outboxDir, `${s.name}.sqlite`) })));
}
