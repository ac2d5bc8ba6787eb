import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, createRequestListener, listen, sendJson } from '../../lib/http/index.js';
import { supergraphHash } from '../supergraph/index.js';
import { supergraphPath } from '../trusted-documents/index.js';
import { createExplorer, type ExplorerOptions } from './create-explorer.js';
import { explorerSettingsFromEnv } from './explorer-config.js';
import { explorerContentSecurityPolicy } from './explorer-headers.js';

const sdl = readFileSync(supergraphPath(), 'utf8');
const supergraph = { sdl, hash: supergraphHash(sdl), subgraphs: [], brokenDocuments: new Set<string>() };
const operation = { id: 'a'.repeat(64), name: 'Procedures', type: 'query' as const, body: 'query Procedures { procedures { code } }' };
const base: Omit<ExplorerOptions, 'enabled'> = { currentSupergraph: () => supergraph, trustedDocuments: { mode: 'enforce', documents: new Map([[operation.id, operation]]) } };

/** A server with the explorer in front of a stand-in GraphQL route that says it was reached. */
async function serve(options: ExplorerOptions): Promise<{ url: string; server: Server }> {
  const explorer = createExplorer(options);
  const server = createServer(createRequestListener({ '/graphql': explorer.wrap((_req, res) => sendJson(res, 200, { graphql: true })), ...explorer.routes }));
  return { url: await listen(server, '127.0.0.1', 0), server };
}

const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** Accept headers, and whether the page (true) or GraphQL (false) answers a GET. */
const negotiation: [string | undefined, boolean][] = [
  [browser, true],
  ['text/html', true],
  ['text/html, */*', true],
  ['text/html;q=0.9, application/json;q=0.5', true],
  [undefined, false],
  ['*/*', false],
  ['application/json', false],
  ['application/graphql-response+json', false],
  ['application/graphql-response+json, application/json;q=0.9', false],
  ['application/json, text/html', false],
  ['text/html;q=0.5, application/json', false],
  ['multipart/mixed;deferSpec=20220824, application/json', false],
];

describe('explorer routes', () => {
  let enabled: { url: string; server: Server };
  let disabled: { url: string; server: Server };
  let unbuilt: { url: string; server: Server };
  beforeAll(async () => {
    enabled = await serve({ ...base, enabled: true });
    disabled = await serve({ ...base, enabled: false });
    unbuilt = await serve({ ...base, enabled: true, directory: mkdtempSync(join(tmpdir(), 'explorer-unbuilt-')) });
  });
  afterAll(async () => {
    for (const s of [enabled, disabled, unbuilt]) if (s) await closeServer(s.server);
  });

  it.each(negotiation)('GET with Accept %s → the page: %s', async (accept, page) => {
    const response = await fetch(`${enabled.url}/graphql?query=${encodeURIComponent('{ procedures { code } }')}`, { headers: accept === undefined ? {} : { accept } });
    if (page) {
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('id="graphiql"');
    } else expect(await response.json()).toEqual({ graphql: true });
  });

  it('a POST always goes to GraphQL, whatever it accepts', async () => {
    const response = await fetch(`${enabled.url}/graphql`, { method: 'POST', headers: { accept: browser, 'content-type': 'application/json' }, body: '{}' });
    expect(await response.json()).toEqual({ graphql: true });
  });

  it('serves the page and every file it loads under the policy, revalidated with an ETag', async () => {
    const page = await fetch(`${enabled.url}/graphql`, { headers: { accept: browser } });
    expect(page.headers.get('content-security-policy')).toBe(explorerContentSecurityPolicy);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|https?:\/\/(?!www\.w3)/);
    const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(files).toHaveLength(6);
    for (const file of files) {
      const response = await fetch(`${enabled.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(explorerContentSecurityPolicy);
      expect(response.headers.get('content-type')).toMatch(/^text\/(javascript|css); charset=utf-8$/);
      const again = await fetch(`${enabled.url}${file}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
  });

  it('serves the API schema as an introspection result (no join__ types), and the trusted documents', async () => {
    const schema = (await (await fetch(`${enabled.url}/explorer/schema.json`)).json()) as { data: { __schema: { types: { name: string }[] } } };
    const names = schema.data.__schema.types.map((t) => t.name);
    expect(names).toContain('Citizen');
    expect(names.some((n) => n.startsWith('join__') || n.startsWith('link__'))).toBe(false);
    expect(await (await fetch(`${enabled.url}/explorer/operations.json`)).json()).toEqual({ mode: 'enforce', operations: [operation] });
  });

  it('off: a browser gets the page saying how to query, in French and English; the explorer’s routes do not exist', async () => {
    const response = await fetch(`${disabled.url}/graphql`, { headers: { accept: browser } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(explorerContentSecurityPolicy);
    const text = await response.text();
    expect(text).toContain('EXPLORER_ENABLED');
    expect(text).toContain('Authorization: Bearer');
    expect(text).toContain('lang="en"');
    expect(text).not.toContain('graphiql');
    for (const path of ['/explorer/assets/graphiql.min.js', '/explorer/assets/explorer.js', '/explorer/schema.json', '/explorer/operations.json']) {
      expect((await fetch(`${disabled.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${disabled.url}/explorer/assets/explorer.css`)).status).toBe(200);
  });

  it('not built: says so rather than half loading', async () => {
    const text = await (await fetch(`${unbuilt.url}/graphql`, { headers: { accept: browser } })).text();
    expect(text).toContain('npm run build');
    expect((await fetch(`${unbuilt.url}/explorer/schema.json`)).status).toBe(404);
  });
});

describe('EXPLORER_ENABLED', () => {
  it.each([
    [undefined, 'development', true],
    [undefined, 'test', true],
    [undefined, 'production', false],
    ['true', 'production', true],
    ['1', 'production', true],
    ['yes', 'production', true],
    ['false', 'development', false],
    ['0', 'test', false],
    ['no', 'production', false],
  ] as const)('%s in %s → %s', (value, nodeEnv, enabled) => {
    expect(explorerSettingsFromEnv({ EXPLORER_ENABLED: value }, nodeEnv)).toEqual({ enabled });
  });
});
