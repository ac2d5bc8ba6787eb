import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readGatewayConfig, startGateway } from '../gateway/index.js';
import { createGraphQLHandler } from '../lib/graphql-http/index.js';
import { closeServer, createRequestListener, listen, sendJson } from '../lib/http/index.js';
import { createLogger } from '../lib/log/index.js';

/** Between two reloads. */
const pauseMs = 100;

/** The issue's goal: the heap after 100 reloads (and a full GC) at most this much above the heap before them. */
export const reloadHeapGrowthGoalMb = 5;

export interface ReloadMemoryFigures {
  readonly reloads: number;
  /** Reloads that swapped in the other supergraph (all of them, unless one was refused). */
  readonly applied: number;
  /** Requests answered while reloading, and those that failed (non-200 or GraphQL errors or no answer). */
  readonly requests: number;
  readonly failures: number;
  readonly failureSamples: readonly string[];
  /** Heap used after a forced full GC, before the measured reloads (after warm-up ones) and after them, MB. */
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  /** One reload's median and slowest time (check, build, start, swap), ms. */
  readonly reloadP50Ms: number;
  readonly reloadMaxMs: number;
}

const typeDefs = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Notice @key(fields: "id") { id: ID! title: String! body: String }
  type Query { notice(id: ID!): Notice notices: [Notice!]! }`;

/**
 * `reloads` supergraph reloads in a gateway of this process (alternating two valid supergraphs over one small real
 * subgraph, through the file and the reload a SIGHUP asks for) while `connections` clients keep querying, then the
 * heap used before and after, each after a forced full GC. The gateway runs in the bench's process so that the GC
 * can be forced (`--expose-gc` at run time); the bench's own objects are the same before and after.
 */
export async function measureReloadMemory(options: { readonly reloads: number; readonly connections: number; readonly log: (line: string) => void }): Promise<ReloadMemoryFigures> {
  const { reloads, connections, log } = options;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-reload-'));
  const notices = Array.from({ length: 20 }, (_, i) => ({ id: String(i), title: `Avis ${i}`, body: 'Texte de l’avis.'.repeat(20) }));
  const subgraphServer = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(typeDefs),
      resolvers: { Query: { notice: (_: unknown, { id }: { id: string }) => notices.find((n) => n.id === id) ?? null, notices: () => notices } },
    }),
  });
  await subgraphServer.start();
  const subgraphHttp = createServer(
    createRequestListener({
      '/graphql': createGraphQLHandler({ server: subgraphServer, context: async () => ({}) }),
      'GET /ready': (_req, res) => sendJson(res, 200, { status: 'ready' }),
    }),
  );
  const subgraphUrl = `${await listen(subgraphHttp, '127.0.0.1', 0)}/graphql`;
  const compose = (defs: string) => {
    const result = composeServices([{ name: 'notices', url: subgraphUrl, typeDefs: parse(defs) }]);
    if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.supergraphSdl;
  };
  // B drops a field A has: a real schema change, not the same text twice.
  const variants = [compose(typeDefs), compose(typeDefs.replace(' body: String', ''))] as const;
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, variants[0]);
  const config = readGatewayConfig({
    PORT: '0',
    NODE_ENV: 'test',
    WORKERS: '1',
    SUPERGRAPH_PATH: supergraphPath,
    // Reloads are asked for below, one after the other, as SIGHUP would: a watch would add its own.
    SUPERGRAPH_WATCH: 'false',
    INTERNAL_TOKEN_SECRET: 'bench-reload-internal-token-secret-0123456789',
    TRUSTED_DOCUMENTS_MODE: 'allow-arbitrary',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    AUDIT_LOG_PATH: join(dir, 'audit', 'audit.jsonl'),
    OPERATIONS_PATH: join(dir, 'operations.sqlite'),
    AUDIT_HMAC_KEY: 'bench-reload-audit-hmac-key-0123456789abcdef',
  });
  const gateway = await startGateway(config, createLogger('bench-reload-gateway', process.env.BENCH_RELOAD_LOG_LEVEL ?? 'silent'));
  let requests = 0;
  let failures = 0;
  const failureSamples: string[] = [];
  let stop = false;
  const client = async () => {
    while (!stop) {
      try {
        const response = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ notices { id title } notice(id: "3") { title } }' }),
        });
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${response.status} ${text.slice(0, 200)}`);
      } catch (error) {
        failures++;
        if (failureSamples.length < 5) failureSamples.push(error instanceof Error ? error.message : String(error));
      }
      requests++;
    }
  };
  let next = 1;
  const reload = async () => {
    writeFileSync(supergraphPath, variants[next % 2] ?? '');
    next++;
    const started = performance.now();
    const outcome = await gateway.reloadSupergraph({ trigger: 'signal', source: supergraphPath });
    return { outcome, ms: performance.now() - started };
  };
  const heapMb = async () => {
    // Replaced gateways are released once their last request answered: give them that time, then collect twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1e6;
  };
  // Clients query during the reloads only: both heaps are read with no request in flight.
  const reloading = async (count: number, times: number[]) => {
    stop = false;
    const clients = Array.from({ length: connections }, client);
    let applied = 0;
    try {
      for (let i = 0; i < count; i++) {
        const { outcome, ms } = await reload();
        if (outcome === 'applied') applied++;
        times.push(ms);
        // A reload holds the event loop for its build: a pause lets requests through, as reloads are rare in life.
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    return applied;
  };
  try {
    // Warm-up: the first reloads load code and fill caches that stay (modules, compiled functions).
    await reloading(10, []);
    const warmUpRequests = requests;
    const heapBeforeMb = await heapMb();
    log(`reload memory: ${reloads} reloads with ${connections} clients querying, heap before ${heapBeforeMb.toFixed(1)} MB`);
    const times: number[] = [];
    const applied = await reloading(reloads, times);
    const heapAfterMb = await heapMb();
    times.sort((a, b) => a - b);
    return {
      reloads,
      applied,
      requests: requests - warmUpRequests,
      failures,
      failureSamples,
      heapBeforeMb,
      heapAfterMb,
      reloadP50Ms: times[Math.floor(times.length / 2)] ?? 0,
      reloadMaxMs: times.at(-1) ?? 0,
    };
  } finally {
    stop = true;
    await gateway.close();
    await closeServer(subgraphHttp);
    await subgraphServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figure's section of the report, with the goal met or missed. */
export function formatReloadMemory(figures: ReloadMemoryFigures): string {
  const growth = figures.heapAfterMb - figures.heapBeforeMb;
  const met = growth <= reloadHeapGrowthGoalMb && figures.failures === 0 && figures.applied === figures.reloads;
  return [
    `## Supergraph hot reload: memory across ${figures.reloads} reloads`,
    '',
    '| reloads applied | requests during them | failed | heap before MB | heap after MB | growth MB | reload p50 ms | reload max ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${figures.applied} / ${figures.reloads} | ${figures.requests} | ${figures.failures} | ${figures.heapBeforeMb.toFixed(1)} | ${figures.heapAfterMb.toFixed(1)} | ${growth.toFixed(2)} | ${figures.reloadP50Ms.toFixed(0)} | ${figures.reloadMaxMs.toFixed(0)} |`,
    '',
    `Heap growth ≤ ${reloadHeapGrowthGoalMb} MB with every reload applied and no failed request: ${met ? 'met' : '**missed**'}. Two supergraphs alternate over one small subgraph, in a gateway of the bench's own process (heap used after a forced full GC with no request in flight, after 10 warm-up reloads; 100 ms between reloads).${figures.failureSamples.length > 0 ? ` Failures: ${figures.failureSamples.map((s) => `\`${s.replaceAll('`', "'")}\``).join('; ')}` : ''}`,
  ].join('\n');
}
