import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSignInSettings } from '../../idp/sign-in/index.js';
import { demoSupervisor } from '../../idp/sign-in/test-support/sign-in-client.js';
import { startTestIdp, type TestIdp } from '../../idp/test-support/start-test-idp.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';

/**
 * The supervision room's sign-in in a real headless Chromium (Debian's, as tests/integration/supervision-room.test.ts):
 * a supervisor signs in at the IdP's login page (PKCE, no pasted token) and stays signed in across access-token
 * expiries; a wall screen signs in through the device grant, approved by a supervisor at the IdP, and stops with a
 * French message once a supervisor revokes it.
 *
 * Its own IdP (in this process, access tokens of 20 s, the room's redirect URI registered for its gateway's port) and
 * its own gateway over the stack's subgraphs, with no clock tolerance: a token is refused the second it expires.
 */
const chromiumPath = '/usr/bin/chromium';
const tokenTtlSeconds = 20;
const docs = fileURLToPath(new URL('../../docs/', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('supervision room sign-in (headless Chromium)', () => {
  let browser: Browser;
  let idp: TestIdp;
  let gateway: ExtraGateway;
  let room: string;
  const problems: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    room = `http://127.0.0.1:${port}`;
    idp = await startTestIdp({
      tokenTtlSeconds,
      signIn: { ...defaultSignInSettings, roomClient: { clientId: 'salle-supervision', redirectUris: [`${room}/supervision`] }, devicePollIntervalSeconds: 1 },
    });
    gateway = await spawnGateway({ PORT: String(port), OIDC_ISSUER: idp.url, OIDC_CLOCK_TOLERANCE_SECONDS: '0', ACCESS_TOKEN_CACHE_MAX_ENTRIES: '0' });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await idp?.close();
  });

  /** A fresh browser profile (its own cookies and storage), watched for page errors and policy violations. */
  async function newContext(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR', timezoneId: 'Africa/Lome' });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Answers the flows expect log as console errors: a refused password (401), a pending device code (400), a refused stream.
    const expected = (url: string) => url.includes('/supervision/events') || url === `${idp.url}/token` || url === `${idp.url}/login`;
    page.on('console', (message) => message.type() === 'error' && !expected(message.location().url) && problems.push(`console: ${message.text()}`));
    return { context, page };
  }

  /** Every bearer token the page opened the live stream with, and each answer's status. */
  function watchStreams(page: Page): { tokens: string[]; statuses: number[]; refreshes: () => number } {
    const tokens: string[] = [];
    const statuses: number[] = [];
    let refreshes = 0;
    page.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url().includes('/supervision/events') && authorization) tokens.push(authorization.replace(/^Bearer /, ''));
      if (request.url() === `${idp.url}/token` && (request.postData() ?? '').includes('grant_type=refresh_token')) refreshes += 1;
    });
    page.on('response', (response) => response.url().includes('/supervision/events') && statuses.push(response.status()));
    return { tokens, statuses, refreshes: () => refreshes };
  }

  it('signs a supervisor in at the IdP’s login page and keeps the room live across access-token expiries', async () => {
    const { context, page } = await newContext();
    const streams = watchStreams(page);
    await page.goto(`${room}/supervision?ministere=ENERGY`);
    await page.click('#bouton-connexion');
    // The IdP's login page, in French, with the PKCE challenge in its address.
    await page.waitForURL((url) => url.origin === idp.url && url.pathname === '/authorize');
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.fill('#identifiant', demoSupervisor.username);
    mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: `${docs}supervision-sign-in.png` });
    await page.fill('#mot-de-passe', 'pas-le-bon');
    await page.click('button[type=submit]');
    expect(await page.textContent('#erreur')).toBe('Identifiant ou mot de passe incorrect.');
    await page.fill('#mot-de-passe', demoSupervisor.password);
    await page.click('button[type=submit]');

    // Back in the room, signed in, its filter kept, no code or state left in the address.
    await page.waitForSelector('#kpi-total[data-value]', { timeout: 20_000 });
    const address = new URL(page.url());
    expect(`${address.pathname}${address.search}`).toBe('/supervision?ministere=ENERGY');
    expect(await page.inputValue('#f-ministere')).toBe('ENERGY');
    // No token in localStorage; the tab keeps only its refresh token, the access token stays in memory.
    expect(await page.evaluate('localStorage.length')).toBe(0);
    const stored = String(await page.evaluate('JSON.stringify(Object.values(sessionStorage))'));
    expect(stored).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./);
    const first = streams.tokens[0]!;
    expect(decodeJwt(first)).toMatchObject({ role: 'supervisor', sub: 'superviseur-demo', client_id: 'salle-supervision' });

    // Two renewals later the first token has expired: the room is still live on a newer one, never asked to sign in.
    await expect.poll(() => streams.refreshes(), { timeout: 3 * tokenTtlSeconds * 1000, interval: 500 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => Date.now() / 1000 > decodeJwt(first).exp! + 1, { timeout: tokenTtlSeconds * 1000, interval: 500 }).toBe(true);
    await expect.poll(() => page.getAttribute('#etat', 'data-etat'), { timeout: 10_000, interval: 200 }).toBe('direct');
    expect(await page.isVisible('#connexion')).toBe(false);
    expect(await page.isVisible('#tableau')).toBe(true);
    const latest = streams.tokens.at(-1)!;
    expect(latest).not.toBe(first);
    expect(decodeJwt(latest).exp! * 1000).toBeGreaterThan(Date.now());
    expect(streams.statuses.at(-1)).toBe(200);
    // The first token is refused now: what the room shows was read with the renewed ones.
    const refused = await fetch(`${room}/supervision/events`, { headers: { authorization: `Bearer ${first}` } });
    expect(refused.status).toBe(401);
    await refused.body?.cancel();

    // Signing out revokes the session at the IdP: its refresh token no longer works.
    const refreshToken = String(await page.evaluate(`JSON.parse(sessionStorage.getItem('guichet.supervision.session')).refreshToken`));
    await page.click('#bouton-deconnexion');
    expect(await page.isVisible('#connexion')).toBe(true);
    await expect
      .poll(async () => {
        const response = await fetch(`${idp.url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'salle-supervision', refresh_token: refreshToken }),
        });
        return ((await response.json()) as { error?: string }).error;
      })
      .toBe('invalid_grant');
    await context.close();
  }, 150_000);

  it('signs a wall screen in through the device grant, approved by a supervisor, and stops it once revoked', async () => {
    const wall = await newContext();
    await wall.page.setViewportSize({ width: 1920, height: 1080 });
    const streams = watchStreams(wall.page);
    await wall.page.goto(`${room}/supervision?mur=1`);
    // Nobody at the screen: it asks for a code by itself and shows it.
    await wall.page.waitForSelector('#code-ecran-valeur:not(:empty)', { timeout: 15_000 });
    const userCode = (await wall.page.textContent('#code-ecran-valeur'))!;
    expect(userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(await wall.page.textContent('#code-ecran-adresse')).toBe(`${idp.url}/device`);
    await wall.page.screenshot({ path: `${docs}supervision-wall-code.png` });

    // A supervisor, on their own device, signs in at the IdP and approves the code.
    const supervisor = await newContext();
    await supervisor.page.goto(`${idp.url}/device`);
    await supervisor.page.fill('#identifiant', demoSupervisor.username);
    await supervisor.page.fill('#mot-de-passe', demoSupervisor.password);
    await supervisor.page.click('button[type=submit]');
    await supervisor.page.fill('#code', userCode.toLowerCase());
    await supervisor.page.click('button[value=approve]');
    expect(await supervisor.page.textContent('#message')).toContain(`Écran ${userCode} autorisé`);

    // The screen shows the room, read with a screen's read-only credential.
    await wall.page.waitForSelector('#kpi-total[data-value]', { timeout: 20_000 });
    expect(await wall.page.getAttribute('html', 'class')).toContain('mur');
    await expect.poll(() => streams.tokens.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const firstScreenToken = streams.tokens[0]!;
    expect(decodeJwt(firstScreenToken)).toMatchObject({ role: 'integrator', scope: 'supervision:read' });

    // Left alone past its first token's lifetime, the wall renews itself and stays live: nobody signs it in again.
    await expect.poll(() => streams.refreshes(), { timeout: 3 * tokenTtlSeconds * 1000, interval: 500 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => Date.now() / 1000 > decodeJwt(firstScreenToken).exp! + 1, { timeout: tokenTtlSeconds * 1000, interval: 500 }).toBe(true);
    await expect.poll(() => wall.page.getAttribute('#etat', 'data-etat'), { timeout: 10_000, interval: 200 }).toBe('direct');
    expect(await wall.page.isVisible('#tableau')).toBe(true);
    expect(decodeJwt(streams.tokens.at(-1)!).exp! * 1000).toBeGreaterThan(Date.now());

    // The supervisor revokes it from the list of screens (listed once it holds tokens): within one access-token
    // lifetime the wall says so, in French.
    await supervisor.page.goto(`${idp.url}/device`);
    await supervisor.page.click(`button[aria-label="Révoquer l’écran ${userCode}"]`);
    expect(await supervisor.page.textContent('#message')).toContain('révoqué');
    await expect.poll(() => wall.page.textContent('#erreur-connexion'), { timeout: (tokenTtlSeconds + 5) * 1000, interval: 250 }).toContain('Cet écran a été révoqué par un superviseur');
    expect(await wall.page.isVisible('#tableau')).toBe(false);
    // And asks for a new approval with a new code, by itself.
    await expect.poll(async () => (await wall.page.textContent('#code-ecran-valeur')) ?? '', { timeout: 15_000 }).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(await wall.page.textContent('#code-ecran-valeur')).not.toBe(userCode);
    await wall.context.close();
    await supervisor.context.close();
    expect(problems).toEqual([]);
  }, 200_000);
});
