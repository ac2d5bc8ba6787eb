import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { startTestWitness } from '../../witness/test-support/start-test-witness.js';
import { readGatewayConfig } from '../config.js';
import { startGateway } from '../start-gateway.js';
import { startTestSubgraph, type TestSubgraph } from './start-test-subgraph.js';
import { civilRegistry, electricity } from './test-subgraphs.js';
import { writeTestSupergraph } from './write-test-supergraph.js';

export interface TestStack {
  readonly gateway: RunningService;
  readonly civilRegistry: TestSubgraph;
  readonly electricity: TestSubgraph;
  readonly supergraphPath: string;
  close(): Promise<void>;
}

/**
 * A gateway on a free port in test mode (logs silent unless TEST_LOG_LEVEL says otherwise), with a witness of its
 * own for its audit trail unless `env.AUDIT_WITNESS_URL` names one.
 */
export async function startTestGateway(supergraphPath: string, env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const witness = env.AUDIT_WITNESS_URL === undefined ? await startTestWitness() : undefined;
  try {
    // A production-grade secret, so that tests may run the gateway with NODE_ENV=production.
    const config = readGatewayConfig({
      PORT: '0',
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: supergraphPath,
      INTERNAL_TOKEN_SECRET: 'test-internal-token-secret-0123456789abcdef',
      TRUSTED_DOCUMENTS_MODE: 'allow-arbitrary',
      // Each test gateway writes its own audit trail: one writer per file.
      AUDIT_LOG_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-gateway-test-')), 'audit.jsonl'),
      AUDIT_HMAC_KEY: 'test-audit-hmac-key-0123456789abcdef0123',
      ...(witness ? { AUDIT_WITNESS_URL: witness.url, WITNESS_TOKEN: witness.token } : {}),
      ...env,
    });
    const gateway = await startGateway(config, createLogger('gateway-test', process.env.TEST_LOG_LEVEL ?? 'silent'));
    return {
      url: gateway.url,
      close: async () => {
        await gateway.close();
        await witness?.close();
      },
    };
  } catch (error) {
    await witness?.close();
    throw error;
  }
}

/** Two real subgraphs, composed into a temp supergraph, behind a gateway on a free port. */
export async function startTestStack(env: NodeJS.ProcessEnv = {}): Promise<TestStack> {
  const subgraphs = [await startTestSubgraph(civilRegistry), await startTestSubgraph(electricity)] as const;
  const supergraphPath = writeTestSupergraph(subgraphs);
  const gateway = await startTestGateway(supergraphPath, env);
  return {
    gateway,
    civilRegistry: subgraphs[0],
    electricity: subgraphs[1],
    supergraphPath,
    close: async () => {
      await gateway.close();
      await Promise.all(subgraphs.map((s) => s.close()));
    },
  };
}
