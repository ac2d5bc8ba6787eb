import { describe, expect, it } from 'vitest';
import { defaultManifestPath, readManifest } from '../../../gateway/trusted-documents/index.js';
import { rawGet, rawPost, type RawResponse } from '../../support/raw-http.js';

/**
 * Deeply nested `variables` (and `extensions`), generated: every nesting shape, from a couple of levels to 10,000, sent
 * over POST, over GET and with a trusted document's id. Beyond LIMIT_MAX_VARIABLES_DEPTH (the stack runs the default,
 * 32) the gateway answers 400 BAD_REQUEST naming the limit — before anything walks them (the response cache's key
 * overflowed the stack on 5,000 levels: HTTP 500) —, below it the normal answer, never a 500, and it keeps answering.
 *
 * Depth counts containers, `variables` itself included: `{"extra": 1}` is 1, `{"extra": {"a": 1}}` is 2.
 */
const maxDepth = 32;

type Shape = 'objects' | 'arrays' | 'mixed';
const shapes: readonly Shape[] = ['objects', 'arrays', 'mixed'];

/**
 * JSON text of a value of exactly `levels` nested containers (0: a scalar). Built as text: JSON.stringify is
 * recursive and would overflow this test's own stack on the deepest cases.
 */
function nested(shape: Shape, levels: number): string {
  const opens: string[] = [];
  const closes: string[] = [];
  for (let level = 1; level <= levels; level += 1) {
    const asArray = shape === 'arrays' || (shape === 'mixed' && level % 2 === 0);
    opens.push(asArray ? '[' : '{"a":');
    closes.push(asArray ? ']' : '}');
  }
  return `${opens.join('')}1${closes.reverse().join('')}`;
}

/** `variables` of total depth `depth`: one variable the operation does not declare, holding the nesting. */
const variablesOfDepth = (shape: Shape, depth: number) => `{"extra":${nested(shape, depth - 1)}}`;

const procedures = 'query Catalogue { procedures { code } }';
const proceduresId = readManifest(defaultManifestPath()).operations.find((o) => o.name === 'Procedures')!.id;
const persisted = { persistedQuery: { version: 1, sha256Hash: proceduresId } };
const json = { 'content-type': 'application/json' };
const preflight = { 'apollo-require-preflight': 'true' };

type Transport = 'POST' | 'GET' | 'POST by id' | 'GET by id';
/** A GET's query string must fit Node's 16 KB of headers: its deepest cases are shallower. */
const depthsOf: Readonly<Record<Transport, readonly number[]>> = {
  POST: [2, 8, maxDepth, maxDepth + 1, 100, 1_000, 5_000, 10_000],
  'POST by id': [2, maxDepth, maxDepth + 1, 5_000, 10_000],
  GET: [2, maxDepth, maxDepth + 1, 200, 500],
  'GET by id': [2, maxDepth, maxDepth + 1, 500],
};

/** Sends `variables` (and `extensions`), both JSON text, the way `transport` says. */
function send(transport: Transport, variables: string, extensions?: string): Promise<RawResponse> {
  switch (transport) {
    case 'POST':
      return rawPost(`{"query":${JSON.stringify(procedures)},"variables":${variables}${extensions === undefined ? '' : `,"extensions":${extensions}`}}`, json);
    case 'POST by id':
      return rawPost(`{"variables":${variables},"extensions":${JSON.stringify(persisted)}}`, json);
    case 'GET':
      return rawGet({ query: procedures, variables, ...(extensions === undefined ? {} : { extensions }) }, preflight);
    case 'GET by id':
      return rawGet({ operationName: 'Procedures', variables, extensions: persisted }, preflight);
  }
}

const cases = (Object.keys(depthsOf) as Transport[]).flatMap((transport) => depthsOf[transport].flatMap((depth) => shapes.map((shape) => [transport, shape, depth] as const)));

function expectTooDeep(response: RawResponse) {
  expect(response.status).toBe(400);
  expect(response.json?.data ?? null).toBeNull();
  expect(response.json?.errors).toHaveLength(1);
  expect(response.json?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  expect(response.json?.errors?.[0]?.message).toMatch(new RegExp(`variables nested too deeply \\(at most ${maxDepth} levels\\)`));
  expect(response.text).not.toMatch(/Maximum call stack|RangeError|\n\s+at /);
}

describe('deeply nested variables (generated matrix)', () => {
  it.each(cases)('%s, %s nested to depth %i: 400 BAD_REQUEST beyond the limit, the normal answer within it', async (transport, shape, depth) => {
    const response = await send(transport, variablesOfDepth(shape, depth));
    expect(response.status).not.toBe(500);
    if (depth > maxDepth) {
      expectTooDeep(response);
    } else {
      expect(response.status).toBe(200);
      expect(response.json?.errors).toBeUndefined();
      expect((response.json?.data as { procedures: unknown[] }).procedures.length).toBeGreaterThan(0);
    }
  });

  it.each(shapes)('deep %s in `extensions` are refused the same way, over POST and GET', async (shape) => {
    const extensions = `{"extra":${nested(shape, maxDepth)}}`;
    expectTooDeep(await send('POST', '{}', extensions));
    expectTooDeep(await send('GET', '{}', extensions));
  });

  it('a declared variable nested too deep is refused before its type is even checked', async () => {
    const response = await rawPost(`{"query":"query($r: ID!) { dossier(reference: $r) { reference } }","variables":{"r":${nested('objects', 5_000)}}}`, json);
    expectTooDeep(response);
  });

  it('still answers afterwards', async () => {
    const response = await send('POST', '{"extra":1}');
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
  });
});
