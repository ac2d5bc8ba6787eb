import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestListener, sendJson } from './router.js';

const answer = (name: string) => (_req: unknown, res: Parameters<typeof sendJson>[0], url: URL) => sendJson(res, 200, { name, path: url.pathname });
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(createRequestListener({ 'GET /documents/*': answer('one-below'), 'POST /documents': answer('exact'), '/graphql': answer('any-method') }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createRequestListener', () => {
  it.each([
    ['GET', '/documents/3f0c', 200, 'one-below'],
    ['POST', '/documents', 200, 'exact'],
    ['PUT', '/graphql', 200, 'any-method'],
    // A wildcard is for its method, one segment below its folder, and not the folder itself.
    ['POST', '/documents/3f0c', 404, undefined],
    ['GET', '/documents/', 200, 'one-below'],
    ['GET', '/documents', 404, undefined],
    ['GET', '/documents/a/b', 404, undefined],
    ['GET', '/other/3f0c', 404, undefined],
  ] as const)('%s %s → %i', async (method, path, status, name) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(status);
    if (name !== undefined) expect(((await response.json()) as { name: string }).name).toBe(name);
  });
});
