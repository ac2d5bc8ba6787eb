import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { LegacySystem } from '../../schema/index.js';
import { legacyServices, stackServices, startStack, type Stack } from '../../scripts/stack/index.js';
import { testInternalTokenSecret, testWitnessToken } from './test-secrets.js';
import { testWorldOptions } from './world.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    idpUrl: string;
    auditLogPath: string;
    /** The stack's audit witness (the stack's gateway reports its trail there as log `guichet`). */
    witnessUrl: string;
    legacyUrls: Record<LegacySystem, string>;
    /** The gateway's document store (DOCUMENTS_PATH), for tests that check nothing was stored. */
    documentsPath: string;
    serviceUrls: Record<string, string>;
  }
}

let stack: Stack | undefined;

/**
 * Integration tests run against the real stack: every simulator, subgraph and the gateway as separate processes
 * built from dist/ (npm test builds first), on ephemeral ports, with no added legacy latency.
 */
export async function setup(project: TestProject): Promise<void> {
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-test-'));
  project.provide('auditLogPath', `${dataDir}/audit/audit.jsonl`);
  project.provide('documentsPath', `${dataDir}/documents`);
  stack = await startStack({
    ports: 'ephemeral',
    // Each ministry subgraph keeps its own outbox in this run's folder.
    serviceEnv: {
      ...Object.fromEntries(stackServices.filter((s) => s.outbox).map(({ name }) => [name, { OUTBOX_PATH: `${dataDir}/outbox/${name}.sqlite` }])),
      // Webhooks may target this machine (the suites' receivers, the matrix's closed port); one attempt each.
      webhooks: { WEBHOOKS_ALLOWED_TARGETS: 'http+127.0.0.1', WEBHOOKS_RETRY_SCHEDULE_MS: '0' },
      // Like civil-registry's identity cache below: answers kept while the feeds prove them unchanged would make legacy
      // call counts and fault tests (a fault injected right after a read) depend on test order. Its own tests start
      // their own gateway with it on (tests/integration/freshness/proven-dashboards.test.ts).
      gateway: { FEED_PROOF_MAX_OWNERS: '0' },
    },
    env: {
      SEED: String(testWorldOptions.seed),
      SCALE: String(testWorldOptions.scale),
      SEED_NOW: testWorldOptions.now,
      LATENCY_MEDIAN_MS: '0',
      LATENCY_P95_MS: '0',
      LOG_LEVEL: 'warn',
      // civil-registry's shared identity cache would make legacy call counts depend on test order (it has its own
      // tests); the gateway's shared reads stay on: they are keyed by caller and exact request.
      IDENTITY_CACHE_TTL_MS: '0',
      NODE_ENV: 'test',
      INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
      // Shared by the witness and every gateway of the run; the witness keeps its store in this run's folder.
      WITNESS_TOKEN: testWitnessToken,
      // Generous limits for the suites; the client `limite-test` gets 5 a minute for the rate-limit tests.
      RATE_LIMIT_USER_PER_MINUTE: '100000',
      RATE_LIMIT_CLIENT_PER_MINUTE: '1000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
      RATE_LIMIT_CLIENT_OVERRIDES: 'limite-test=5',
      // Short resilience windows, so that fault tests stay fast and an opened circuit closes before the next test.
      ...Object.fromEntries(
        legacyServices
          .map((s) => s.legacy.system.toUpperCase())
          .flatMap((system) => [
            [`${system}_TIMEOUT_MS`, '1000'],
            [`${system}_DEADLINE_MS`, '2500'],
            [`${system}_RETRY_BASE_DELAY_MS`, '20'],
            [`${system}_BREAKER_HALF_OPEN_AFTER_MS`, '300'],
          ]),
      ),
      // Each run gets its own signing key, so no state leaks between runs.
      IDP_KEY_PATH: `${dataDir}/idp/signing-key.json`,
      AUDIT_LOG_PATH: `${dataDir}/audit/audit.jsonl`,
      // Documents: this run's store, a limit and a deadline the bad-input tests reach quickly.
      DOCUMENTS_PATH: `${dataDir}/documents`,
      DOCUMENTS_MAX_BYTES: '2000000',
      DOCUMENTS_UPLOAD_DEADLINE_MS: '4000',
    },
    onLine: (name, line) => {
      lines.push(`[${name}] ${line}`);
      if (process.env.STACK_LOGS) process.stderr.write(`[${name}] ${line}\n`);
    },
  });
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('idpUrl', stack.idpUrl);
  project.provide('witnessUrl', stack.witnessUrl);
  project.provide('legacyUrls', stack.legacyUrls);
  project.provide('serviceUrls', Object.fromEntries([...stack.services].map(([name, s]) => [name, s.url])));
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
