import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, createRequestListener, listen } from '../../lib/http/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createSupervisionRoutes, type RoomSignIn } from './create-supervision-routes.js';
import { bearerDoor } from './test-support/bearer-door.js';

/** A web build with a page, a module and a sign-in module in a subfolder. */
function webBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'supervision-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/supervision/assets/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), "import './sign-in/index.js';");
  mkdirSync(join(dir, 'sign-in'));
  writeFileSync(join(dir, 'sign-in', 'index.js'), 'export {};');
  return dir;
}

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of servers.splice(0)) await close();
});

async function serve(signIn?: RoomSignIn): Promise<string> {
  const room = createSupervisionRoutes({ log: createLogger('test', 'silent'), door: bearerDoor(), webDirectory: webBuild(), graphqlUrl: 'http://127.0.0.1:9/graphql', ...(signIn ? { signIn } : {}) });
  const server = createServer(createRequestListener(room.routes));
  const base = await listen(server, '127.0.0.1', 0);
  servers.push(async () => (await room.close(), await closeServer(server, 200)));
  return base;
}

describe('the room’s sign-in settings', () => {
  it('serves the issuer and client id, and lets the page reach the issuer’s origin only', async () => {
    const base = await serve({ issuer: 'https://idp.example.tg/realms/guichet', clientId: 'salle-supervision' });
    const settings = await fetch(`${base}/supervision/sign-in.json`);
    expect(settings.headers.get('cache-control')).toBe('no-cache');
    expect(await settings.json()).toEqual({ issuer: 'https://idp.example.tg/realms/guichet', clientId: 'salle-supervision' });
    const page = await fetch(`${base}/supervision`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("connect-src 'self' https://idp.example.tg;");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("form-action 'self';");
  });

  it('names no provider when none is configured, and keeps the page’s policy to its own origin', async () => {
    const base = await serve();
    expect(await (await fetch(`${base}/supervision/sign-in.json`)).json()).toEqual({ issuer: null, clientId: null });
    expect((await fetch(`${base}/supervision`)).headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it('serves the sign-in modules from their subfolder', async () => {
    const base = await serve();
    const module = await fetch(`${base}/supervision/assets/sign-in/index.js`);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${base}/supervision/assets/sign-in`)).status).toBe(404);
  });
});
