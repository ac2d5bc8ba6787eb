import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postQuery } from '../test-support/graphql-client.js';
import { startTestStack, type TestStack } from '../test-support/start-test-stack.js';
import { electricityControl } from '../test-support/test-subgraphs.js';
import { listen, closeServer } from '../../lib/http/index.js';
import { documentId } from '../trusted-documents/index.js';
import { supergraphHash } from './supergraph-hash.js';
import { metricValue, replaceFile, servedHash, supergraphVariants, waitUntil, type SupergraphVariants } from './test-support/reload-helpers.js';

const refused = 'guichet_supergraph_reloads_total{outcome="refused"}';
const applied = 'guichet_supergraph_reloads_total{outcome="applied"}';
const draining = 'guichet_supergraph_draining';

/** `{ boom }` validates on supergraph A only: what tells the two schemas apart through the gateway. */
async function boomCode(url: string): Promise<unknown> {
  const { body } = await postQuery(url, '{ boom }');
  return body.errors?.[0]?.extensions?.code;
}

describe('supergraph hot reload, watching the file', () => {
  let stack: TestStack;
  let variants: SupergraphVariants;
  beforeAll(async () => {
    // The request stream below is one anonymous caller: out of the rate limit's way.
    stack = await startTestStack({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000' });
    variants = supergraphVariants(stack);
  });
  afterAll(() => stack?.close());

  it('serves a supergraph renamed over the file, and says which on /ready and /metrics', async () => {
    const url = stack.gateway.url;
    expect(await servedHash(url)).toBe(variants.hashA);
    expect(await boomCode(url)).toBe('INTERNAL_SERVER_ERROR');
    replaceFile(stack.supergraphPath, variants.b);
    await waitUntil(async () => (await servedHash(url)) === variants.hashB, 'the gateway serves B');
    expect(await boomCode(url)).toBe('GRAPHQL_VALIDATION_FAILED');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(`guichet_supergraph_info{hash="${variants.hashB}"} 1`);
    expect(metrics).not.toContain(`guichet_supergraph_info{hash="${variants.hashA}"}`);
    // A file written in place (truncate, then write) is picked up too.
    writeFileSync(stack.supergraphPath, variants.a);
    await waitUntil(async () => (await servedHash(url)) === variants.hashA, 'the gateway serves A again');
    expect(await boomCode(url)).toBe('INTERNAL_SERVER_ERROR');
    // The replaced gateways are released once idle.
    await waitUntil(async () => (await metricValue(url, draining)) === 0, 'no replaced gateway is left');
  });

  it('refuses a file that is not GraphQL, or not a supergraph it can build, and keeps serving the old one', async () => {
    const url = stack.gateway.url;
    const before = await metricValue(url, refused);
    replaceFile(stack.supergraphPath, 'type Query {');
    await waitUntil(async () => (await metricValue(url, refused)) === before + 1, 'the broken file is refused');
    // Valid GraphQL with join__Graph, but a field joined to a subgraph that does not exist.
    replaceFile(stack.supergraphPath, variants.a.replace('@join__field(graph: ELECTRICITY)', '@join__field(graph: NOWHERE)'));
    await waitUntil(async () => (await metricValue(url, refused)) === before + 2, 'the unbuildable supergraph is refused');
    expect(await servedHash(url)).toBe(variants.hashA);
    const { body } = await postQuery(url, '{ person(niu: "1001") { fullName meters { number } } }');
    expect(body).toEqual({ data: { person: { fullName: 'Afi Mensah', meters: [{ number: 'CPT-1001' }] } } });
    replaceFile(stack.supergraphPath, variants.a);
  });

  it('finishes every request in flight across several reloads: 0 failures, and releases the old gateways after them', async () => {
    const url = stack.gateway.url;
    const failures: string[] = [];
    let answered = 0;
    let stop = false;
    const query = '{ person(niu: "1001") { fullName meters { number } } }';
    const expected = { data: { person: { fullName: 'Afi Mensah', meters: [{ number: 'CPT-1001' }] } } };
    const client = async () => {
      while (!stop) {
        try {
          const { status, body } = await postQuery(url, query);
          if (status !== 200 || JSON.stringify(body) !== JSON.stringify(expected)) failures.push(`${status} ${JSON.stringify(body)}`);
        } catch (error) {
          failures.push(String(error));
        }
        answered++;
      }
    };
    // Only `meter` is slow: each reload starts one, which is still in flight when the next gateway takes over.
    electricityControl.delayMs = 2_000;
    const slowQuery = '{ meter(number: "M") { number } }';
    const slow: Promise<string>[] = [];
    const clients = Array.from({ length: 8 }, client);
    let sawDraining = false;
    try {
      let servedHashNow = variants.hashA;
      for (let reload = 1; reload <= 6; reload++) {
        const [text, hash] = reload % 2 === 1 ? [variants.b, variants.hashB] : [variants.a, variants.hashA];
        let pending = true;
        const from = servedHashNow;
        slow.push(
          fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: slowQuery }) }).then(async (response) => {
            const body = (await response.text()).trim();
            pending = false;
            const answeredBy = response.headers.get('x-guichet-supergraph');
            return response.status === 200 && body === '{"data":{"meter":{"number":"M"}}}' && answeredBy === from ? 'ok' : `started on ${from}, answered ${response.status} by ${answeredBy}: ${body}`;
          }),
        );
        // The file watch's debounce (200 ms) leaves the slow request the time to reach the served gateway.
        replaceFile(stack.supergraphPath, text);
        servedHashNow = hash;
        await waitUntil(async () => (await servedHash(url)) === hash, `reload ${reload} is served`);
        // Read while the slow request still waits: its gateway must not have been released.
        const drainingNow = await metricValue(url, draining);
        if (pending) {
          sawDraining = true;
          expect(drainingNow).toBeGreaterThanOrEqual(1);
        }
      }
      expect(await Promise.all(slow)).toEqual(slow.map(() => 'ok'));
    } finally {
      stop = true;
      await Promise.all(clients);
      electricityControl.delayMs = 0;
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(8);
    expect(sawDraining).toBe(true);
    expect(await metricValue(url, applied)).toBeGreaterThanOrEqual(6);
    await waitUntil(async () => (await metricValue(url, draining)) === 0, 'every replaced gateway is released');
  });
});

describe('supergraph hot reload on SIGHUP', () => {
  let stack: TestStack;
  let variants: SupergraphVariants;
  beforeAll(async () => {
    stack = await startTestStack({ SUPERGRAPH_WATCH: 'false' });
    variants = supergraphVariants(stack);
  });
  afterAll(() => stack?.close());

  it('reloads the file on SIGHUP only', async () => {
    const url = stack.gateway.url;
    replaceFile(stack.supergraphPath, variants.b);
    // Not watched: nothing changes until the signal.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await servedHash(url)).toBe(variants.hashA);
    const before = await metricValue(url, applied);
    process.kill(process.pid, 'SIGHUP');
    await waitUntil(async () => (await metricValue(url, applied)) === before + 1, 'the signal reloads');
    expect(await servedHash(url)).toBe(variants.hashB);
    replaceFile(stack.supergraphPath, variants.a);
    process.kill(process.pid, 'SIGHUP');
    await waitUntil(async () => (await servedHash(url)) === variants.hashA, 'the signal reloads A');
  });
});

describe('supergraph hot reload and trusted documents', () => {
  let stack: TestStack;
  let variants: SupergraphVariants;
  beforeAll(async () => {
    const body = 'query Boom { boom }';
    const manifest = join(mkdtempSync(join(tmpdir(), 'guichet-reload-manifest-')), 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: documentId(body), name: 'Boom', type: 'query', body }] }));
    stack = await startTestStack({ TRUSTED_DOCUMENTS_MODE: 'enforce', TRUSTED_DOCUMENTS_PATH: manifest });
    variants = supergraphVariants(stack);
  });
  afterAll(() => stack?.close());

  it('refuses a supergraph on which a shipped document would no longer validate', async () => {
    const url = stack.gateway.url;
    const before = await metricValue(url, refused);
    replaceFile(stack.supergraphPath, variants.b);
    await waitUntil(async () => (await metricValue(url, refused)) === before + 1, 'B is refused');
    expect(await servedHash(url)).toBe(variants.hashA);
  });
});

describe('supergraph hot reload from a polled URL', () => {
  let stack: TestStack;
  let variants: SupergraphVariants;
  let registry: Server;
  let served = '';
  const asked: { readonly ifNoneMatch: string | undefined; readonly status: number }[] = [];
  beforeAll(async () => {
    // A registry that answers 304 to the ETag of what it serves.
    registry = createServer((req, res) => {
      const etag = `"${supergraphHash(served)}"`;
      const ifNoneMatch = req.headers['if-none-match'];
      const status = ifNoneMatch === etag ? 304 : 200;
      asked.push({ ifNoneMatch, status });
      res.writeHead(status, { etag, 'content-type': 'text/plain' });
      res.end(status === 200 ? served : undefined);
    });
    const base = await listen(registry, '127.0.0.1', 0);
    stack = await startTestStack({ SUPERGRAPH_URL: `${base}/supergraph`, SUPERGRAPH_POLL_INTERVAL_MS: '1000' });
    variants = supergraphVariants(stack);
    served = variants.a;
  });
  afterAll(async () => {
    await stack?.close();
    await closeServer(registry);
  });

  it('polls with If-None-Match, serves a new text, refuses a bad one and keeps the last good one', async () => {
    const url = stack.gateway.url;
    await waitUntil(async () => asked.some((a) => a.status === 304), 'an unchanged supergraph is answered 304');
    expect(await servedHash(url)).toBe(variants.hashA);
    served = variants.b;
    await waitUntil(async () => (await servedHash(url)) === variants.hashB, 'the polled B is served');
    const before = await metricValue(url, refused);
    served = 'schema { query: Nothing }';
    await waitUntil(async () => (await metricValue(url, refused)) > before, 'the bad text is refused');
    expect(await servedHash(url)).toBe(variants.hashB);
    // SIGHUP polls at once, whatever the ETag.
    served = variants.a;
    process.kill(process.pid, 'SIGHUP');
    await waitUntil(async () => (await servedHash(url)) === variants.hashA, 'SIGHUP fetched A');
    expect(asked.every((a) => a.ifNoneMatch === undefined || a.ifNoneMatch.startsWith('"'))).toBe(true);
  });
});
