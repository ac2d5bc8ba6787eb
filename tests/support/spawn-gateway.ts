import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { subgraphUrlVariable } from '../../gateway/config.js';
import { stackServices } from '../../scripts/stack/index.js';
import { spawnExtra, type ExtraService } from './spawn-extra.js';
import { testInternalTokenSecret, testWitnessToken } from './test-secrets.js';

export interface ExtraGateway extends ExtraService {
  readonly graphqlUrl: string;
  /** The gateway's own audit log (never the stack's: two writers would fork its chain). */
  readonly auditLogPath: string;
  /** Its log's name at the stack's witness (its own: the stack's gateway reports `guichet`). */
  readonly auditLogId: string;
}

/**
 * A second gateway over the stack's subgraphs (or `subgraphUrls`) and IdP, with its own audit trail in a temporary
 * folder (unless `env.AUDIT_LOG_PATH`) reported to the stack's witness under a log id of its own (unless
 * `env.AUDIT_LOG_ID`), the stack's internal-token secret, and `env` on top (NODE_ENV, trusted documents…). Stop it
 * in afterAll.
 */
export async function spawnGateway(env: NodeJS.ProcessEnv, subgraphUrls: Readonly<Record<string, string>> = inject('serviceUrls')): Promise<ExtraGateway> {
  const auditLogPath = env.AUDIT_LOG_PATH ?? join(mkdtempSync(join(tmpdir(), 'guichet-extra-gateway-')), 'audit.jsonl');
  const auditLogId = env.AUDIT_LOG_ID ?? `extra-gateway-${randomBytes(6).toString('hex')}`;
  const urls: NodeJS.ProcessEnv = {};
  for (const subgraph of stackServices.filter((s) => s.tier === 'subgraph')) {
    const url = subgraphUrls[subgraph.name];
    if (!url) throw new Error(`no URL for subgraph ${subgraph.name}`);
    urls[subgraphUrlVariable(subgraph.name)] = url;
  }
  const gateway = await spawnExtra('extra-gateway', 'gateway/main.js', {
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    AUDIT_HMAC_KEY: 'extra-gateway-audit-key-0123456789abcdef',
    OIDC_ISSUER: inject('idpUrl'),
    // Required in production (no default there); the stack's IdP writes this audience.
    OIDC_AUDIENCE: 'guichet',
    AUDIT_WITNESS_URL: inject('witnessUrl'),
    WITNESS_TOKEN: testWitnessToken,
    LOG_LEVEL: 'info',
    // Off as in the stack's gateway (tests/support/global-setup.ts); a test that wants it sets it.
    FEED_PROOF_MAX_OWNERS: '0',
    ...urls,
    ...env,
    AUDIT_LOG_PATH: auditLogPath,
    AUDIT_LOG_ID: auditLogId,
  });
  return Object.assign(gateway, { graphqlUrl: `${gateway.url}/graphql`, auditLogPath, auditLogId });
}
