import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '../../lib/log/index.js';
import { startWitness } from '../start-witness.js';
import { readWitnessConfig } from '../witness-config.js';

/** A token good enough for production-mode tests, not the development default. */
export const testWitnessToken = 'unit-tests-witness-token-0123456789abcdef';

export interface TestWitness {
  readonly url: string;
  readonly token: string;
  /** Its own folder: store and key file. */
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A real witness (HTTP, SQLite, Ed25519) in this process on a free port, in a fresh temporary folder. */
export async function startTestWitness(env: NodeJS.ProcessEnv = {}, log: Logger = createLogger('witness-test', process.env.TEST_LOG_LEVEL ?? 'silent')): Promise<TestWitness> {
  const dataDir = env.WITNESS_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'guichet-witness-test-'));
  const token = env.WITNESS_TOKEN ?? testWitnessToken;
  const config = readWitnessConfig({ PORT: '0', NODE_ENV: 'test', WITNESS_DATA_DIR: dataDir, WITNESS_TOKEN: token, ...env });
  const running = await startWitness(config, log);
  return { url: running.url, token, dataDir, close: () => running.close() };
}
