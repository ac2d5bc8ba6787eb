import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { compareAnswers, firstDifference } from './compare-answers.js';
import type { CredentialPool } from './credential-pool.js';

const credentials: CredentialPool = { at: () => ({ authorization: 'Bearer t', internalToken: 'i' }), refresh: () => Promise.resolve() };
const requests = [0, 1, 2, 3].map((n) => ({ body: Buffer.from(JSON.stringify({ query: '{ n }', variables: { n } })), caller: 0 }));

const servers: Server[] = [];
/** A gateway stand-in answering each request with `answer(n)`, n the request's variable. */
async function gateway(answer: (n: number) => unknown): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { variables } = JSON.parse(body) as { variables: { n: number } };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer(variables.n)));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

describe('compareAnswers', () => {
  it('counts differing data, ignores extensions and error messages, and counts key order apart', async () => {
    const reference = await gateway((n) => ({ data: { a: n, b: 'x' }, extensions: { code: 'guichet' } }));
    const same = await gateway((n) => ({ data: { a: n, b: 'x' } }));
    const reordered = await gateway((n) => ({ data: { b: 'x', a: n } }));
    const wrong = await gateway((n) => ({ data: { a: n === 2 ? 99 : n, b: 'x' } }));
    const failing = await gateway((n) => (n === 0 ? { data: null, errors: [{ message: 'boom', path: ['a'] }] } : { data: { a: n, b: 'x' } }));
    const source = (target: string, url: string) => ({ target, url, sendInternalToken: false, requests });
    const rows = await compareAnswers('s', [source('guichet', reference), source('same', same), source('reordered', reordered), source('wrong', wrong), source('failing', failing)], credentials, 4);
    const row = (target: string) => rows.find((r) => r.target === target);
    expect(row('guichet')).toMatchObject({ compared: 4, mismatches: 0, withErrors: 0 });
    expect(row('same')).toMatchObject({ compared: 4, mismatches: 0, keyOrderDiffers: 0 });
    expect(row('reordered')).toMatchObject({ mismatches: 0, keyOrderDiffers: 4 });
    expect(row('wrong')).toMatchObject({ mismatches: 1, samples: ['request 2: $.data.a: 2 vs 99'] });
    expect(row('failing')).toMatchObject({ mismatches: 1, withErrors: 1 });
  });
});

describe('firstDifference', () => {
  it('names the first differing path, array lengths included', () => {
    expect(firstDifference({ a: [1, 2] }, { a: [1, 2] })).toBeUndefined();
    expect(firstDifference({ a: [1, 2] }, { a: [1] })).toBe('$.a: 2 items vs 1');
    expect(firstDifference({ a: { b: 'x' } }, { a: { b: 'y' } })).toBe('$.a.b: "x" vs "y"');
  });
});
