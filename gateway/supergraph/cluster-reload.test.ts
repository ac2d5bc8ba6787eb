import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWitness, type TestWitness } from '../../witness/test-support/start-test-witness.js';
import { startTestSubgraph, type TestSubgraph } from '../test-support/start-test-subgraph.js';
import { civilRegistry, electricity } from '../test-support/test-subgraphs.js';
import { unusedPort } from '../test-support/unused-port.js';
import { writeTestSupergraph } from '../test-support/write-test-supergraph.js';
import { metricValue, replaceFile, servedHash, supergraphVariants, waitUntil, type SupergraphVariants } from './test-support/reload-helpers.js';

// The built gateway (npm test builds first), as `npm run start:gateway` runs it: a primary and two workers.
const main = fileURLToPath(new URL('../../dist/gateway/main.js', import.meta.url));

let subgraphs: readonly [TestSubgraph, TestSubgraph];
let witness: TestWitness;
let gateway: ChildProcess;
let url: string;
let supergraphPath: string;
let variants: SupergraphVariants;
const output: string[] = [];

beforeAll(async () => {
  subgraphs = [await startTestSubgraph(civilRegistry), await startTestSubgraph(electricity)];
  supergraphPath = writeTestSupergraph(subgraphs);
  variants = supergraphVariants({ supergraphPath, civilRegistry: subgraphs[0], electricity: subgraphs[1] });
  witness = await startTestWitness();
  const port = await unusedPort();
  gateway = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      NODE_ENV: 'test',
      WORKERS: '2',
      LOG_LEVEL: 'info',
      SUPERGRAPH_PATH: supergraphPath,
      INTERNAL_TOKEN_SECRET: 'test-internal-token-secret-0123456789abcdef',
      TRUSTED_DOCUMENTS_MODE: 'allow-arbitrary',
      AUDIT_LOG_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-cluster-reload-')), 'audit.jsonl'),
      AUDIT_HMAC_KEY: 'test-audit-hmac-key-0123456789abcdef0123',
      AUDIT_WITNESS_URL: witness.url,
      WITNESS_TOKEN: witness.token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  gateway.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => output.join('').includes('"msg":"listening"'), `the gateway listens:\n${output.join('')}`, 60_000);
});

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  await witness?.close();
  await Promise.all((subgraphs ?? []).map((s) => s.close()));
});

/** How many processes serve `hash`, from the cluster's summed `/metrics`. */
const processesServing = (hash: string) => metricValue(url, `guichet_supergraph_info{hash="${hash}"}`);

describe('supergraph hot reload with WORKERS=2', () => {
  it('every worker reloads when the file changes: the primary relays it', async () => {
    expect(await processesServing(variants.hashA)).toBe(2);
    replaceFile(supergraphPath, variants.b);
    await waitUntil(async () => (await processesServing(variants.hashB)) === 2, 'both workers serve B');
    expect(await processesServing(variants.hashA)).toBe(0);
    for (let i = 0; i < 4; i++) expect(await servedHash(url)).toBe(variants.hashB);
  });

  it('every worker reloads on a SIGHUP sent to the primary, and refuses a broken file on its own', async () => {
    const unchanged = 'guichet_supergraph_reloads_total{outcome="unchanged"}';
    const before = await metricValue(url, unchanged);
    gateway.kill('SIGHUP');
    await waitUntil(async () => (await metricValue(url, unchanged)) === before + 2, 'both workers read the file again');
    const refused = 'guichet_supergraph_reloads_total{outcome="refused"}';
    const refusedBefore = await metricValue(url, refused);
    replaceFile(supergraphPath, 'type Query {');
    await waitUntil(async () => (await metricValue(url, refused)) === refusedBefore + 2, 'both workers refuse it');
    expect(await processesServing(variants.hashB)).toBe(2);
    expect(gateway.exitCode).toBeNull();
  });
});
