import { createServer } from 'node:http';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../lib/http/index.js';
import { startTestIdp, testNius, type TestIdp } from './test-support/start-test-idp.js';
import { parseTokenArgs, requestToken, TokenRequestError, TokenUsageError, type TokenCommand } from './token-cli.js';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(() => idp.close());

const parse = (line: string, env: NodeJS.ProcessEnv = {}) =>
  parseTokenArgs(
    line.split(' ').filter((s) => s !== ''),
    env,
  );
const usageError = (line: string) => expect(() => parse(line)).toThrow(TokenUsageError);
const at = (command: TokenCommand): Exclude<TokenCommand, { kind: 'help' }> => {
  if (command.kind === 'help') throw new Error('unexpected help');
  return { ...command, idpUrl: idp.url };
};

describe('npm run token: arguments', () => {
  it('reads each role’s options, IDP_URL and --idp-url', () => {
    expect(parse('--role citizen --niu 123456789012')).toEqual({ kind: 'dev-token', idpUrl: 'http://127.0.0.1:4300', body: { role: 'citizen', niu: '123456789012' } });
    expect(parse('--role agent --ministry ENERGY --subject a1', { IDP_URL: 'http://idp:9/' })).toEqual({
      kind: 'dev-token',
      idpUrl: 'http://idp:9',
      body: { role: 'agent', ministry: 'ENERGY', subject: 'a1' },
    });
    expect(parse('--role supervisor --idp-url http://x:1')).toEqual({ kind: 'dev-token', idpUrl: 'http://x:1', body: { role: 'supervisor' } });
    expect(parse('--role integrator --scopes dossiers:read,citizens:read --client-id moi')).toEqual({
      kind: 'dev-token',
      idpUrl: 'http://127.0.0.1:4300',
      body: { role: 'integrator', scopes: ['dossiers:read', 'citizens:read'], clientId: 'moi' },
    });
    expect(parse('--role integrator --client-id c --client-secret s')).toEqual({ kind: 'client-credentials', idpUrl: 'http://127.0.0.1:4300', clientId: 'c', clientSecret: 's' });
    expect(parse('-h')).toEqual({ kind: 'help' });
  });

  it('refuses bad arguments as usage errors', () => {
    for (const line of [
      '',
      '--role',
      '--role admin',
      '--role citizen',
      '--role agent',
      '--role integrator',
      '--role citizen --niu 1 --bogus x',
      'extra --role supervisor',
      '--role supervisor --client-secret s',
      '--role supervisor --idp-url ftp://x',
    ])
      usageError(line);
  });
});

describe('npm run token: asking the IdP', () => {
  it('gets development tokens and client-credentials tokens', async () => {
    expect(decodeJwt(await requestToken(at(parse(`--role citizen --niu ${testNius[0]}`))))).toMatchObject({ role: 'citizen', niu: testNius[0] });
    expect(decodeJwt(await requestToken(at(parse('--role agent --ministry URBAN_PLANNING'))))).toMatchObject({ role: 'agent', ministry: 'URBAN_PLANNING' });
    expect(decodeJwt(await requestToken(at(parse('--role integrator --client-id integrateur-demo --client-secret secret-demo-lecture-a-changer --scopes citizens:read'))))).toMatchObject({
      client_id: 'integrateur-demo',
      scope: 'citizens:read',
    });
  });

  it('says in one line why the IdP refused', async () => {
    await expect(requestToken(at(parse('--role citizen --niu 000000000000')))).rejects.toThrow(/^Refusé par le fournisseur d’identité \(unknown_niu\) : aucun citoyen avec ce NIU/);
    await expect(requestToken(at(parse('--role agent --ministry JUSTICE')))).rejects.toThrow('Refusé par le fournisseur d’identité (invalid_request) : ministry : ministère attendu');
    await expect(requestToken(at(parse('--role integrator --client-id integrateur-demo --client-secret faux')))).rejects.toThrow('(invalid_client)');
  });

  it('explains an IdP that is not running, in production, or not an IdP', async () => {
    const stopped = await startTestIdp();
    await stopped.close();
    const down = requestToken({ kind: 'dev-token', idpUrl: stopped.url, body: { role: 'supervisor' } });
    await expect(down).rejects.toThrow(TokenRequestError);
    await expect(down).rejects.toThrow(`Le fournisseur d’identité ne répond pas à ${stopped.url} : lancez la pile (npm start) ou indiquez IDP_URL.`);
    const production = await startTestIdp({ nodeEnv: 'production' });
    try {
      await expect(requestToken({ kind: 'dev-token', idpUrl: production.url, body: { role: 'supervisor' } })).rejects.toThrow('Jetons de développement indisponibles');
    } finally {
      await production.close();
    }
    const other = createServer((_req, res) => res.writeHead(500).end('<html>'));
    const url = await listen(other, '127.0.0.1', 0);
    try {
      await expect(requestToken({ kind: 'dev-token', idpUrl: url, body: { role: 'supervisor' } })).rejects.toThrow(`Réponse inattendue du fournisseur d’identité à ${url}/dev/token (HTTP 500).`);
    } finally {
      await closeServer(other);
    }
  });
});
