import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimitPlugins } from './create-limit-plugins.js';
import { defaultOperationLimits } from './operation-limits.js';
import { post } from './test-support/graphql-request.js';
import { startPluginTestServer, type PluginTestServer } from './test-support/start-plugin-test-server.js';

const schema = buildSchema(`
  type Query { hello: String node(id: ID): Node nodes(first: Int): [Node!]! }
  type Node { id: ID! name: String child: Node children(first: Int): [Node!]! }
  enum Color { RED GREEN }
`);
interface TestNode {
  id: string;
  name: string;
  child: () => TestNode;
  children: () => TestNode[];
}
const node = (id: number): TestNode => ({ id: String(id), name: `n${id}`, child: () => node(id + 1), children: () => [node(id + 1)] });
const rootValue = { hello: 'bonjour', node: () => node(1), nodes: () => [node(1)] };

const nested = (levels: number) => `{ node ${'{ child '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: hello`).join(' ')} }`;

let test: PluginTestServer;
let production: PluginTestServer;
beforeAll(async () => {
  test = await startPluginTestServer({ schema, rootValue, plugins: createLimitPlugins({ limits: defaultOperationLimits, nodeEnv: 'test' }) });
  production = await startPluginTestServer({ schema, rootValue, nodeEnv: 'production', plugins: createLimitPlugins({ limits: defaultOperationLimits, nodeEnv: 'production' }) });
});
afterAll(async () => {
  await test?.close();
  await production?.close();
});

async function expectTooComplex(query: string, reason: RegExp, server = test) {
  const { status, headers, body } = await post(server.url, { query });
  expect(status).toBe(400);
  expect(headers.get('cache-control')).toBe('no-store');
  expect(body.data).toBeUndefined();
  expect(body.errors).toHaveLength(1);
  expect(body.errors?.[0]?.extensions).toEqual({ code: 'OPERATION_TOO_COMPLEX' });
  expect(body.errors?.[0]?.message).toMatch(/^Operation too complex: /);
  expect(body.errors?.[0]?.message).toMatch(reason);
  // Nothing measured nor any of armor's English wording.
  expect(body.errors?.[0]?.message).not.toMatch(/found|exceeded|Syntax Error/);
}

async function expectOk(query: string, server = test) {
  const { status, body } = await post(server.url, { query });
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
}

describe('operation limits over HTTP', () => {
  it('refuses a depth bomb and accepts the deepest allowed operation', async () => {
    await expectOk(nested(10));
    await expectTooComplex(nested(11), /nested too deeply \(at most 10 levels\)/);
    await expectTooComplex(nested(60), /nested too deeply/);
  });

  it('counts fragments as levels, so spreading does not hide depth', async () => {
    const query = `query { node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { child { child { child { child { child { id } } } } } } }`;
    await expectTooComplex(query, /nested too deeply/);
  });

  it('refuses an alias bomb', async () => {
    await expectOk(aliases(15));
    await expectTooComplex(aliases(16), /aliases \(at most 15\)/);
  });

  it('refuses a cost bomb of nested pages', async () => {
    await expectOk('{ nodes(first: 20) { id name children(first: 10) { id } } }');
    await expectTooComplex('{ nodes(first: 100) { id children(first: 100) { id name } } }', /estimated cost too high \(at most 5000\)/);
  });

  it('refuses too many directives', async () => {
    const directives = (count: number) => `{ ${Array.from({ length: count }, () => 'hello @include(if: true)').join(' ')} }`;
    await expectOk(directives(20));
    await expectTooComplex(directives(21), /directives \(at most 20\)/);
  });

  it('refuses a token bomb before parsing it, and still reports a plain syntax error as such', async () => {
    await expectTooComplex(`{ ${'hello '.repeat(2_000)}}`, /document too long \(at most 2000/);
    // An unterminated bomb: refused for its length, never reaching the parser.
    await expectTooComplex(`{ ${'hello '.repeat(5_000)}`, /document too long/);
    const { status, body } = await post(test.url, { query: '{ hello' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('keeps OPERATION_TOO_COMPLEX and the English message through the production error masking', async () => {
    await expectTooComplex(nested(12), /nested too deeply/, production);
    await expectTooComplex(aliases(40), /alias/, production);
  });

  it('checks the same document again on each request (the verdict is cached, not skipped)', async () => {
    await expectTooComplex(nested(11), /nested too deeply/);
    await expectTooComplex(nested(11), /nested too deeply/);
    await expectOk(nested(10));
  });
});

describe('field suggestions', () => {
  it('are removed in production and kept elsewhere', async () => {
    const prod = await post(production.url, { query: '{ helo }' });
    expect(prod.status).toBe(400);
    expect(prod.body.errors?.[0]).toMatchObject({ message: 'Cannot query field "helo" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const dev = await post(test.url, { query: '{ helo }' });
    expect(dev.body.errors?.[0]?.message).toContain('Did you mean "hello"?');
  });

  it('are removed from argument and type suggestions too', async () => {
    const { body } = await post(production.url, { query: '{ nodes(frist: 1) { id } node { ... on Nod { id } } }' });
    const messages = (body.errors ?? []).map((e) => e.message);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const message of messages) expect(message).not.toMatch(/Did you mean|first|Node"\?/);
  });
});
