import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/config/index.js';
import { cacheBudgetProblems, defaultSupergraphPath, readGatewayConfig, subgraphUrlVariable } from './config.js';
import { civilRegistry, electricity } from './test-support/test-subgraphs.js';
import { writeTestSupergraph } from './test-support/write-test-supergraph.js';

let supergraph: string;
beforeAll(() => {
  supergraph = writeTestSupergraph([
    { ...civilRegistry, url: 'http://civil.internal:4101/graphql' },
    { ...electricity, url: 'http://electricity.internal:4102/graphql' },
  ]);
});

/** The ConfigError message thrown for `env`, or a failure if none is thrown. */
function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    readGatewayConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('readGatewayConfig', () => {
  it('reads the documents’ limits, with their defaults', () => {
    expect(readGatewayConfig({ SUPERGRAPH_PATH: supergraph }).documents).toMatchObject({ maxBytes: 10_000_000, uploadDeadlineMs: 60_000, unreferencedTtlMs: 86_400_000, sweepIntervalMs: 600_000 });
    const set = readGatewayConfig({ SUPERGRAPH_PATH: supergraph, DOCUMENTS_MAX_BYTES: '5000000', DOCUMENTS_UPLOAD_DEADLINE_MS: '30000', DOCUMENTS_PATH: '/var/lib/guichet/documents' });
    expect(set.documents).toMatchObject({ maxBytes: 5_000_000, uploadDeadlineMs: 30_000, path: '/var/lib/guichet/documents' });
  });

  it.each([
    ['DOCUMENTS_MAX_BYTES', 'ten megabytes'],
    ['DOCUMENTS_MAX_BYTES', '0'],
    ['DOCUMENTS_MAX_BYTES', '500000000'],
    ['DOCUMENTS_UPLOAD_DEADLINE_MS', '-1'],
    ['DOCUMENTS_UPLOAD_DEADLINE_MS', '1.5'],
    ['DOCUMENTS_UNREFERENCED_TTL_MS', '10'],
    ['DOCUMENTS_SWEEP_INTERVAL_MS', 'often'],
  ])('refuses %s=%s at start-up, naming it', (name, value) => {
    expect(problemsOf({ SUPERGRAPH_PATH: supergraph, [name]: value })).toContain(name);
  });

  it('applies the documented defaults and the supergraph URLs', () => {
    const config = readGatewayConfig({ SUPERGRAPH_PATH: supergraph });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, nodeEnv: 'development', subgraphTimeoutMs: 15_000, maxBodyBytes: 1_000_000, subgraphMaxConnections: 64, unusedUrlOverrides: [] });
    expect(config.subgraphs).toEqual([
      { name: 'civil-registry', url: 'http://civil.internal:4101/graphql', overridden: false },
      { name: 'electricity', url: 'http://electricity.internal:4102/graphql', overridden: false },
    ]);
    expect(config.supergraphSdl).toContain('join__Graph');
  });

  it('overrides a subgraph URL with SUBGRAPH_<NAME>_URL and lists overrides naming no subgraph', () => {
    const config = readGatewayConfig({ SUPERGRAPH_PATH: supergraph, SUBGRAPH_CIVIL_REGISTRY_URL: 'http://127.0.0.1:9/graphql', SUBGRAPH_DOSSIERS_URL: 'http://x/graphql' });
    expect(config.subgraphs[0]).toEqual({ name: 'civil-registry', url: 'http://127.0.0.1:9/graphql', overridden: true });
    expect(config.unusedUrlOverrides).toEqual(['SUBGRAPH_DOSSIERS_URL']);
  });

  it('names variables after the subgraph in upper snake case', () => {
    expect(subgraphUrlVariable('civil-registry')).toBe('SUBGRAPH_CIVIL_REGISTRY_URL');
    expect(subgraphUrlVariable('building-permits')).toBe('SUBGRAPH_BUILDING_PERMITS_URL');
  });

  it('finds schema/supergraph.graphql at the package root by default', () => {
    expect(defaultSupergraphPath()).toBe(fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url)));
  });

  it('rejects a bad PORT, timeout and override URL with one clear message', () => {
    const message = problemsOf({ SUPERGRAPH_PATH: supergraph, PORT: 'abc', SUBGRAPH_TIMEOUT_MS: '0' });
    expect(message).toContain('gateway: invalid configuration');
    expect(message).toContain('PORT="abc": expected a TCP port number');
    expect(message).toContain('SUBGRAPH_TIMEOUT_MS="0": expected a duration > 0');
    expect(problemsOf({ SUPERGRAPH_PATH: supergraph, SUBGRAPH_ELECTRICITY_URL: 'not a url' })).toContain('SUBGRAPH_ELECTRICITY_URL="not a url": expected an absolute http(s) URL');
    expect(problemsOf({ SUPERGRAPH_PATH: supergraph, NODE_ENV: 'staging' })).toContain('NODE_ENV="staging"');
  });

  it('reads REDIS_URL (scaled mode; absent: in memory) and refuses anything but a redis URL', () => {
    expect(readGatewayConfig({ SUPERGRAPH_PATH: supergraph }).redisUrl).toBeUndefined();
    expect(readGatewayConfig({ SUPERGRAPH_PATH: supergraph, REDIS_URL: 'redis://redis.internal:6379/0' }).redisUrl).toBe('redis://redis.internal:6379/0');
    expect(problemsOf({ SUPERGRAPH_PATH: supergraph, REDIS_URL: 'http://redis.internal' })).toContain('REDIS_URL="http://redis.internal": expected a redis:// or rediss:// URL');
    expect(problemsOf({ SUPERGRAPH_PATH: supergraph, REDIS_URL: 'localhost' })).toContain('REDIS_URL="localhost": expected a redis:// URL');
  });

  it('explains a missing, unreadable or non-supergraph file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-gateway-config-'));
    expect(problemsOf({ SUPERGRAPH_PATH: join(dir, 'nope.graphql') })).toContain(`SUPERGRAPH_PATH: ${join(dir, 'nope.graphql')}: file not found (compose it with \`npm run compose\`)`);
    expect(problemsOf({ SUPERGRAPH_PATH: dir })).toContain('is a directory');
    const plain = join(dir, 'plain.graphql');
    writeFileSync(plain, 'type Query { hello: String }');
    expect(problemsOf({ SUPERGRAPH_PATH: plain })).toContain('not a supergraph');
    const broken = join(dir, 'broken.graphql');
    writeFileSync(broken, 'type Query {');
    expect(problemsOf({ SUPERGRAPH_PATH: broken })).toContain('not valid GraphQL');
  });

  it('requires a URL for a subgraph composed without one', () => {
    const sdl = readGatewayConfig({ SUPERGRAPH_PATH: supergraph }).supergraphSdl.replace('http://civil.internal:4101/graphql', '');
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-gateway-config-')), 'supergraph.graphql');
    writeFileSync(path, sdl);
    expect(problemsOf({ SUPERGRAPH_PATH: path })).toContain('SUBGRAPH_CIVIL_REGISTRY_URL: subgraph "civil-registry" has no usable URL');
    expect(readGatewayConfig({ SUPERGRAPH_PATH: path, SUBGRAPH_CIVIL_REGISTRY_URL: 'http://127.0.0.1:4101/graphql' }).subgraphs[0]?.url).toBe('http://127.0.0.1:4101/graphql');
  });
});

describe('admission and the request deadline', () => {
  it('applies the documented defaults', () => {
    const config = readGatewayConfig({ SUPERGRAPH_PATH: supergraph });
    expect(config.admission).toEqual({ maxInFlight: 128, minInFlight: 8, queue: 256, queueTimeoutMs: 1_000, eventLoopDelayMs: 100, retryAfterMs: 1_000 });
    expect(config.deadline).toEqual({ requestDeadlineMs: 8_000, marginMs: 250 });
  });

  it('waits at most a quarter of a short deadline for a slot unless told otherwise', () => {
    expect(readGatewayConfig({ SUPERGRAPH_PATH: supergraph, REQUEST_DEADLINE_MS: '2000' }).admission.queueTimeoutMs).toBe(500);
    expect(readGatewayConfig({ SUPERGRAPH_PATH: supergraph, REQUEST_DEADLINE_MS: '2000', ADMISSION_QUEUE_TIMEOUT_MS: '1500' }).admission.queueTimeoutMs).toBe(1_500);
  });

  it.each([
    [{ ADMISSION_MAX_IN_FLIGHT: '0' }, 'ADMISSION_MAX_IN_FLIGHT="0": expected at least 1'],
    [{ ADMISSION_QUEUE: '-1' }, 'ADMISSION_QUEUE="-1": expected at least 0'],
    [{ ADMISSION_QUEUE_TIMEOUT_MS: 'soon' }, 'ADMISSION_QUEUE_TIMEOUT_MS="soon"'],
    [{ ADMISSION_EVENT_LOOP_DELAY_MS: '1.5' }, 'ADMISSION_EVENT_LOOP_DELAY_MS="1.5": expected a whole number'],
    [{ ADMISSION_RETRY_AFTER_S: '0' }, 'ADMISSION_RETRY_AFTER_S="0": expected at least 1'],
    [{ REQUEST_DEADLINE_MS: '50' }, 'REQUEST_DEADLINE_MS="50": expected at least 100'],
    [{ REQUEST_DEADLINE_MS: '3000', ADMISSION_QUEUE_TIMEOUT_MS: '3000' }, 'ADMISSION_QUEUE_TIMEOUT_MS: 3000 must be shorter than REQUEST_DEADLINE_MS (3000)'],
    [{ REQUEST_DEADLINE_MS: '1000', REQUEST_DEADLINE_MARGIN_MS: '600' }, 'REQUEST_DEADLINE_MARGIN_MS: 600 is more than half of REQUEST_DEADLINE_MS (1000)'],
  ])('refuses %j', (env, problem) => {
    expect(problemsOf({ SUPERGRAPH_PATH: supergraph, ...env })).toContain(problem);
  });
});

describe('cache budgets against the heap', () => {
  it('accepts budgets within half the heap and names the variables when they are not', () => {
    expect(cacheBudgetProblems(24_000_000, 8_000_000, 16, 218_000_000)).toEqual([]);
    const problems = cacheBudgetProblems(200_000_000, 8_000_000, 16, 218_000_000);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /SUBGRAPH_CACHE_MAX_BYTES \+ RESPONSE_CACHE_MAX_BYTES \+ PRIVATE_RESPONSE_CACHE_MAX_BYTES \+ QUERY_PLAN_CACHE_MIB come to 225 MB, more than half the heap this process has \(218 MB\)/,
    );
  });
});

describe('LIMIT_MAX_VARIABLES_DEPTH', () => {
  it('is refused below what the supergraph’s own inputs need', () => {
    // Guichet's supergraph: input objects in a list in an input object in the variables object
    // (EnergyMinesApplicationInput.documents[].kind), 4 levels.
    const repository = defaultSupergraphPath();
    expect(problemsOf({ SUPERGRAPH_PATH: repository, LIMIT_MAX_VARIABLES_DEPTH: '3' })).toMatch(/LIMIT_MAX_VARIABLES_DEPTH=3: below what this supergraph's own inputs need \(4 levels/);
    expect(readGatewayConfig({ SUPERGRAPH_PATH: repository, LIMIT_MAX_VARIABLES_DEPTH: '4' }).limits.maxVariablesDepth).toBe(4);
    expect(readGatewayConfig({ SUPERGRAPH_PATH: supergraph }).limits.maxVariablesDepth).toBe(32);
  });
});
