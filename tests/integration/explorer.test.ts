import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { explorerContentSecurityPolicy } from '../../gateway/explorer/index.js';
import { rawGet } from '../support/raw-http.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { citizenToken, productionTokenFor } from '../support/tokens.js';
import { testWorld } from '../support/world.js';

/**
 * The explorer in a real headless Chromium (Debian's, scripts/install-test-browser.sh) with no way out: every request
 * to anything but the gateway under test is aborted and counted (and DNS resolves nothing but loopback). On the
 * stack's gateway (development-like: the explorer on) and on a production gateway that enables it (trusted documents
 * enforced): the page loads under its policy, runs a query with a token, shows the answer, logs no error.
 */
const chromiumPath = '/usr/bin/chromium';
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

interface Watched {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests to anywhere but the gateway: aborted, and listed here. */
  readonly outside: string[];
  /** Page errors, console errors, failed requests. */
  readonly problems: string[];
  /** `authorization` of every request the page sent to `/graphql`. */
  readonly graphqlAuthorizations: (string | undefined)[];
}

describe('GraphQL explorer (headless Chromium, no network)', () => {
  let browser: Browser;
  let production: ExtraGateway;
  const stackGraphqlUrl = inject('gatewayUrl');

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run scripts/install-test-browser.sh (Debian chromium, through apt-get)`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // Belt and braces: no name resolves but loopback, and no background traffic of the browser's own.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
    });
    production = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce', EXPLORER_ENABLED: 'true' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await production?.stop();
  });

  /** `refusals`: the page runs documents the gateway refuses (4xx), which Chromium logs as failed loads of `/graphql`. */
  async function open(graphqlUrl: string, search = '', refusals = false): Promise<Watched> {
    const origin = new URL(graphqlUrl).origin;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
    const outside: string[] = [];
    const problems: string[] = [];
    const graphqlAuthorizations: (string | undefined)[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const refused = refusals && message.text().startsWith('Failed to load resource') && new URL(message.location().url).pathname === '/graphql';
      if (message.type() === 'error' && !refused) problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') graphqlAuthorizations.push(request.headers().authorization);
    });
    const response = await page.goto(`${graphqlUrl}${search}`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-type']).toContain('text/html');
    expect(headers['content-security-policy']).toBe(explorerContentSecurityPolicy);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    return { page, context, outside, problems, graphqlAuthorizations };
  }

  /** Runs the editor's document and waits for an answer in the result pane. */
  async function run(page: Page, expected: string): Promise<string> {
    await page.click('.graphiql-execute-button');
    let shown = '';
    await expect.poll(async () => (shown = (await page.locator('.result-window').textContent()) ?? '').includes(expected), { timeout: 20_000, interval: 100 }).toBe(true);
    return shown;
  }

  it('policy: no inline script, nothing from another origin, no framing', () => {
    const directives = new Map(explorerContentSecurityPolicy.split(';').map((d): [string, string] => [d.trim().split(' ')[0]!, d.trim()]));
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('connect-src')).toBe("connect-src 'self'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(explorerContentSecurityPolicy).not.toContain('unsafe');
  });

  it('loads offline, runs a query with the citizen’s token, shows the answer, keeps the token in the tab only', async () => {
    const citizen = testWorld().persons.find((p) => p.deathDate === null)!;
    const token = await citizenToken(citizen.niu);
    const { page, context, outside, problems, graphqlAuthorizations } = await open(stackGraphqlUrl, `?query=${encodeURIComponent('{ me { niu } }')}`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.fill('#token', `Bearer ${token}`);
    await expect.poll(() => page.textContent('#token-state')).toContain('citizen');
    const shown = await run(page, citizen.niu);
    expect(shown).toContain('"me"');
    expect(graphqlAuthorizations.at(-1)).toBe(`Bearer ${token}`);

    // The schema came from the explorer's route: documentation and completion work.
    await page.click('[aria-label="Afficher la documentation"], [aria-label="Show Documentation Explorer"]');
    await expect.poll(() => page.locator('.graphiql-doc-explorer').textContent(), { timeout: 10_000 }).toContain('Query');

    // A reload keeps the token in this tab (sessionStorage), never in localStorage nor in the address.
    await page.reload();
    await page.waitForSelector('.graphiql-container');
    expect(await page.inputValue('#token')).toBe(token);
    expect(await page.evaluate('JSON.stringify(Object.assign({}, localStorage))')).not.toContain(token.slice(0, 40));
    expect(page.url()).not.toContain(token.slice(0, 20));

    // Without the token: the anonymous answer, no Authorization header sent.
    await page.click('#token-clear');
    await run(page, 'UNAUTHENTICATED');
    expect(graphqlAuthorizations.at(-1)).toBeUndefined();

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a production gateway that enables it: trusted documents listed and run, any other refused with its code', async () => {
    const token = await productionTokenFor({ role: 'citizen', niu: testWorld().persons.find((p) => p.deathDate === null)!.niu });
    const arbitrary = '{ procedures { code } }';
    const { page, context, outside, problems } = await open(production.graphqlUrl, `?query=${encodeURIComponent(arbitrary)}`, true);
    await expect.poll(() => page.isVisible('#trusted-notice')).toBe(true);
    expect(await page.textContent('#trusted-notice')).toContain('DOCUMENT_NOT_TRUSTED');
    await page.fill('#token', token);
    // Not in the manifest: refused, with the code a developer can look up.
    await run(page, 'DOCUMENT_NOT_TRUSTED');
    // A trusted document from the list, its exact text: runs.
    await page.selectOption('#operations', { label: 'Procedures (query)' });
    const shown = await run(page, '"procedures"');
    expect(shown).not.toContain('DOCUMENT_NOT_TRUSTED');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a browser’s GET never meets a stack trace; GraphQL clients’ GETs are not the page', async () => {
    for (const url of [stackGraphqlUrl, production.graphqlUrl]) {
      for (const search of [{}, { query: '{ procedures { code } }' }] as Record<string, string>[]) {
        const page = await rawGet(search, { accept: browserAccept }, url);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.headers.get('content-security-policy')).toBe(explorerContentSecurityPolicy);
        expect(page.text).not.toMatch(/stacktrace|\bat [\w.]+ \(|csrf/i);
      }
      for (const accept of ['*/*', 'application/json', 'application/graphql-response+json', 'application/json, text/html']) {
        const answer = await rawGet({ query: '{ procedures { code } }' }, { accept, 'apollo-require-preflight': '1' }, url);
        expect(answer.headers.get('content-type')).not.toContain('text/html');
      }
    }
  });
});
