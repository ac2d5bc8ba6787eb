import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/config/index.js';
import { readIdpConfig } from './config.js';
import { defaultIdpClients } from './idp-clients.js';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    readIdpConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('readIdpConfig', () => {
  it('applies the documented defaults, with the simulators’ world', () => {
    expect(readIdpConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4300,
      nodeEnv: 'development',
      audience: 'guichet',
      keyPath: resolve('.data/idp/signing-key.json'),
      tokenTtlSeconds: 900,
      signIn: {
        roomClient: { clientId: 'salle-supervision', redirectUris: ['http://127.0.0.1:4000/supervision', 'http://localhost:4000/supervision'] },
        refreshTtlSeconds: 36_000,
        codeTtlSeconds: 60,
        deviceCodeTtlSeconds: 600,
        devicePollIntervalSeconds: 5,
      },
      clients: defaultIdpClients,
      defaultClients: true,
      world: { seed: 20_261_123, scale: 1, now: '2026-11-01', heavyCitizens: [] },
    });
  });

  it('reads every variable', () => {
    const config = readIdpConfig({
      PORT: '0',
      NODE_ENV: 'production',
      IDP_ISSUER: 'https://idp.example.tg/realms/guichet',
      IDP_AUDIENCE: 'guichet-prod',
      IDP_KEY_PATH: '/var/lib/idp/key.json',
      IDP_TOKEN_TTL_SECONDS: '300',
      IDP_CLIENTS: '{"client_id":"ministere-x","client_secret":"0123456789abcdef","scopes":["dossiers:read","dossiers:read"]}',
      SEED: '7',
      SCALE: '0.1',
      SEED_NOW: '2027-01-15',
    });
    expect(config).toMatchObject({
      port: 0,
      nodeEnv: 'production',
      issuer: 'https://idp.example.tg/realms/guichet',
      audience: 'guichet-prod',
      keyPath: '/var/lib/idp/key.json',
      tokenTtlSeconds: 300,
      defaultClients: false,
      world: { seed: 7, scale: 0.1, now: '2027-01-15' },
    });
    expect(config.clients).toEqual([{ clientId: 'ministere-x', clientSecret: '0123456789abcdef', scopes: ['dossiers:read'] }]);
  });

  it('reports every problem together, never printing a client secret', () => {
    const message = problemsOf({ PORT: 'x', IDP_TOKEN_TTL_SECONDS: '5', IDP_CLIENTS: '[{"client_id":"a","client_secret":"court-secret","scopes":["dossiers:read"]}]' });
    expect(message).toContain('PORT="x"');
    expect(message).toContain('IDP_TOKEN_TTL_SECONDS="5": expected at least 60');
    expect(message).toContain('IDP_CLIENTS: client #1: client_secret: expected at least 16 characters');
    expect(message).not.toContain('court-secret');
    expect(problemsOf({ IDP_CLIENTS: 'nope' })).toContain('IDP_CLIENTS: not valid JSON');
    expect(problemsOf({ IDP_CLIENTS: '[{"client_id":"a","client_secret":"0123456789abcdef","scopes":["admin"]}]' })).toContain('client #1: scopes.0: expected scopes among');
    expect(
      problemsOf({ IDP_CLIENTS: '[{"client_id":"a","client_secret":"0123456789abcdef","scopes":["dossiers:read"]},{"client_id":"a","client_secret":"0123456789abcdef","scopes":["dossiers:read"]}]' }),
    ).toContain('client_id "a" declared twice');
    expect(problemsOf({ IDP_ISSUER: 'not a url' })).toContain('IDP_ISSUER');
  });

  it('reads the sign-in variables, and refuses bad ones with their names', () => {
    const config = readIdpConfig({
      IDP_REFRESH_TTL_SECONDS: '28800',
      IDP_ROOM_CLIENT_ID: 'salle',
      IDP_ROOM_REDIRECT_URIS: 'https://guichet.gouv.tg/supervision, https://guichet2.gouv.tg/supervision',
      IDP_DEVICE_POLL_INTERVAL_SECONDS: '3',
    });
    expect(config.signIn).toMatchObject({
      refreshTtlSeconds: 28_800,
      devicePollIntervalSeconds: 3,
      roomClient: { clientId: 'salle', redirectUris: ['https://guichet.gouv.tg/supervision', 'https://guichet2.gouv.tg/supervision'] },
    });
    const bad: [NodeJS.ProcessEnv, string][] = [
      [{ IDP_REFRESH_TTL_SECONDS: '100' }, 'IDP_REFRESH_TTL_SECONDS="100": expected at least 300'],
      [{ IDP_REFRESH_TTL_SECONDS: '90000' }, 'IDP_REFRESH_TTL_SECONDS="90000": expected at most 86400'],
      [{ IDP_REFRESH_TTL_SECONDS: 'une journée' }, 'IDP_REFRESH_TTL_SECONDS'],
      [{ IDP_REFRESH_TTL_SECONDS: '600', IDP_TOKEN_TTL_SECONDS: '900' }, 'IDP_REFRESH_TTL_SECONDS: 600 must be at least IDP_TOKEN_TTL_SECONDS (900)'],
      [{ IDP_ROOM_REDIRECT_URIS: 'pas une url' }, 'IDP_ROOM_REDIRECT_URIS'],
      [{ IDP_ROOM_REDIRECT_URIS: 'https://guichet.gouv.tg/supervision#x' }, 'IDP_ROOM_REDIRECT_URIS'],
      [{ IDP_ROOM_REDIRECT_URIS: 'ftp://guichet.gouv.tg/supervision' }, 'IDP_ROOM_REDIRECT_URIS'],
      [{ IDP_ROOM_REDIRECT_URIS: 'https://GUICHET.gouv.tg/supervision' }, 'IDP_ROOM_REDIRECT_URIS'],
      [{ IDP_ROOM_REDIRECT_URIS: ' , ' }, 'IDP_ROOM_REDIRECT_URIS'],
      [{ IDP_ROOM_CLIENT_ID: 'salle de supervision' }, 'IDP_ROOM_CLIENT_ID'],
      [{ IDP_DEVICE_POLL_INTERVAL_SECONDS: '0' }, 'IDP_DEVICE_POLL_INTERVAL_SECONDS="0": expected at least 1'],
    ];
    for (const [env, expected] of bad) expect(problemsOf(env), JSON.stringify(env)).toContain(expected);
  });

  it('requires its own clients in production, and refuses the demo secrets there (never printing them)', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('IDP_CLIENTS: required when NODE_ENV=production');
    const demo = defaultIdpClients[0]!;
    const message = problemsOf({ NODE_ENV: 'production', IDP_CLIENTS: JSON.stringify([{ client_id: 'renamed', client_secret: demo.clientSecret, scopes: ['dossiers:read'] }]) });
    expect(message).toContain('IDP_CLIENTS: client "renamed" uses a demo secret');
    expect(message).not.toContain(demo.clientSecret);
    // Outside production, the demo clients stay the default.
    expect(readIdpConfig({ NODE_ENV: 'test' }).defaultClients).toBe(true);
  });
});
