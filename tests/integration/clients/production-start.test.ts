import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuichetApolloClient } from '../../../clients/apollo/index.js';
import { CitizenDashboardDocument } from '../../../clients/generated/graphql.js';

/**
 * `npm start -- --production` through its real path: dist/scripts/start.js in a process of its own (on free ports,
 * beside the test stack), then every command its welcome prints, run as a newcomer pastes them into bash.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
let start: ChildProcess;
let output = '';
let exited: Promise<number | null>;

beforeAll(async () => {
  start = spawn(process.execPath, ['dist/scripts/start.js', '--production', '--ephemeral-ports'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => start.on('exit', (code) => resolve(code)));
  start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    start.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C arrête tous les processus.')) resolve();
    });
    start.on('exit', (code) => reject(new Error(`npm start -- --production exited (${code}):\n${output}`)));
  });
}, 180_000);
afterAll(async () => {
  start?.kill('SIGINT');
  await exited;
});

/** The welcome's lines starting with `prefix`. */
const printed = (prefix: string) => output.split('\n').filter((line) => line.startsWith(prefix));
const gatewayUrl = () => /en mode production : (\S+)/.exec(output)?.[1] ?? '';

async function paste(line: string, token = ''): Promise<string> {
  const { stdout } = await run('bash', ['-c', line], { cwd: root, env: { PATH: process.env.PATH, TOKEN: token } });
  return stdout;
}

describe('npm start -- --production', () => {
  it('says production rules hold: NODE_ENV=production, generated secrets, trusted documents enforced', () => {
    expect(output).toContain('Guichet est prêt, en mode production');
    expect(output).toMatch(/documents de confiance exigés/);
    expect(printed('TOKEN=$(')).toHaveLength(1);
    expect(printed('curl ')).toHaveLength(5);
    // A secret generated for this run, never a published development one.
    expect(output).not.toMatch(/secret-demo|guichet-dev-|dev-ceet-key/);
  });

  it('prints commands that work in that mode, each answered as it says', async () => {
    const token = (await paste(printed('TOKEN=$(')[0]!.replace(/^TOKEN=\$\((.*)\)$/, '$1'))).trim();
    expect(token.split('.')).toHaveLength(3);
    const [catalogue, dashboard, status, refused, integrator] = await Promise.all(printed('curl ').map(async (line) => JSON.parse(await paste(line, token)) as Record<string, unknown>));
    expect(catalogue).toMatchObject({ data: { procedures: expect.arrayContaining([expect.objectContaining({ code: expect.any(String) })]) } });
    expect(dashboard).toMatchObject({ data: { citizen: { niu: expect.stringMatching(/^\d{12}$/) } } });
    expect(dashboard).not.toHaveProperty('errors');
    expect(status).toMatchObject({ data: { dossier: { reference: expect.stringMatching(/^CEET-/) } } });
    expect(refused).toEqual({
      errors: [{ message: 'This client may only send trusted documents (the operations of the manifest, by id or exact text).', extensions: { code: 'DOCUMENT_NOT_TRUSTED' } }],
    });
    expect(integrator).toMatchObject({ access_token: expect.any(String), token_type: expect.stringMatching(/^bearer$/i) });

    // The shipped Apollo Client setup works against it with that token.
    const niu = /citoyen (\d{12})/.exec(output)?.[1] ?? '';
    const client = createGuichetApolloClient({ url: gatewayUrl(), accessToken: () => token });
    const { data } = await client.query({ query: CitizenDashboardDocument, variables: { niu } });
    expect(data?.citizen?.niu).toBe(niu);
  });

  it('runs every service in production: no development token route at the IdP, no introspection at the gateway', async () => {
    const idp = /Fournisseur d’identité \(production[^)]*\) : (\S+)/.exec(output)?.[1] ?? '';
    const devToken = await fetch(`${idp}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"supervisor"}' });
    expect(devToken.status).toBe(404);
    const introspection = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { types { name } } }' }) });
    expect(introspection.status).toBe(400);
  });

  it('stops on Ctrl-C and removes the run’s secrets and data', async () => {
    const keyPath = /--key (\S+)/.exec(output)?.[1] ?? '';
    expect(existsSync(keyPath)).toBe(true);
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(keyPath)).toBe(false);
  });
});
