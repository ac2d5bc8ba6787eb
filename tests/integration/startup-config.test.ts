import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_INTERNAL_TOKEN_SECRET } from '../../auth/index.js';
import { stackServices } from '../../scripts/stack/index.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Every service validates its environment at start-up: a clear message and exit code 2, never a stack trace. */
describe('start-up configuration', () => {
  it.each(stackServices.map((s) => [s.name, s.entry] as const))('%s refuses a bad PORT with a clear message', (_name, entry) => {
    const run = spawnSync(process.execPath, [`${dist}${entry}`], { env: { ...process.env, PORT: 'quatre-mille' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/PORT="quatre-mille": expected a TCP port number/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a subgraph refuses a legacy URL that is not a URL', () => {
    const run = spawnSync(process.execPath, [`${dist}subgraphs/electricity/main.js`], { env: { ...process.env, CEET_URL: 'ceet.local' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/CEET_URL/);
  });

  it('a ministry subgraph refuses bad DOSSIER_FRESHNESS_* values, naming each, and a clock skew not below the age bound', () => {
    const env = { ...process.env, DOSSIER_FRESHNESS_MAX_AGE_MS: '10', DOSSIER_FRESHNESS_MAX_ENTRIES: 'tout', DOSSIER_EVENTS_URL: 'supervision' };
    const run = spawnSync(process.execPath, [`${dist}subgraphs/electricity/main.js`], { env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/DOSSIER_FRESHNESS_MAX_AGE_MS="10": expected at least 100/);
    expect(run.stderr).toMatch(/DOSSIER_FRESHNESS_MAX_ENTRIES="tout": expected a whole number/);
    expect(run.stderr).toMatch(/DOSSIER_EVENTS_URL="supervision"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const skew = { ...process.env, DOSSIER_FRESHNESS_MAX_AGE_MS: '500', DOSSIER_FRESHNESS_CLOCK_SKEW_MS: '800' };
    const skewed = spawnSync(process.execPath, [`${dist}subgraphs/building-permits/main.js`], { env: skew, encoding: 'utf8', timeout: 20_000 });
    expect(skewed.status).toBe(2);
    expect(skewed.stderr).toMatch(/^subgraph-building-permits: invalid configuration\n {2}- DOSSIER_FRESHNESS_CLOCK_SKEW_MS=800: must be below DOSSIER_FRESHNESS_MAX_AGE_MS \(500\)/);
  });

  it('a simulator refuses an error rate above 1', () => {
    const run = spawnSync(process.execPath, [`${dist}legacy/ceet/main.js`], { env: { ...process.env, FAULT_ERROR_RATE: '3' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/FAULT_ERROR_RATE/);
  });

  /** Everything a production gateway requires, each a real value (not a development default). */
  const productionGatewayEnv: Readonly<Record<string, string>> = {
    NODE_ENV: 'production',
    INTERNAL_TOKEN_SECRET: 'a-production-internal-secret-of-48-characters-xyz',
    AUDIT_HMAC_KEY: 'a-production-audit-key-of-at-least-32-characters',
    OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet',
    OIDC_AUDIENCE: 'guichet-api',
    AUDIT_WITNESS_URL: 'https://temoin.gouv.tg',
    WITNESS_TOKEN: 'a-production-witness-token-of-40-characters-x',
  };
  const runGateway = (env: Readonly<Record<string, string | undefined>>) => {
    const { NODE_ENV: _testRunner, ...inherited } = process.env;
    return spawnSync(process.execPath, [`${dist}gateway/main.js`], { env: { ...inherited, PORT: '0', ...env }, encoding: 'utf8', timeout: 20_000 });
  };

  it.each([
    ['OIDC_ISSUER', /OIDC_ISSUER: required when NODE_ENV=production/],
    ['OIDC_AUDIENCE', /OIDC_AUDIENCE: required when NODE_ENV=production/],
    ['INTERNAL_TOKEN_SECRET', /INTERNAL_TOKEN_SECRET: required when NODE_ENV=production/],
    ['AUDIT_HMAC_KEY', /AUDIT_HMAC_KEY: required in production/],
    ['AUDIT_WITNESS_URL', /AUDIT_WITNESS_URL: required in production/],
    ['WITNESS_TOKEN', /WITNESS_TOKEN: required in production/],
  ])('a production gateway without %s exits 2 and says which variable', (variable, message) => {
    const run = runGateway({ ...productionGatewayEnv, [variable]: undefined });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a production gateway refuses the development internal-token secret given explicitly, and an empty token type list', () => {
    const secret = runGateway({ ...productionGatewayEnv, INTERNAL_TOKEN_SECRET: DEV_INTERNAL_TOKEN_SECRET });
    expect(secret.status).toBe(2);
    expect(secret.stderr).toMatch(/INTERNAL_TOKEN_SECRET.*development secret is not allowed/);
    const types = runGateway({ ...productionGatewayEnv, OIDC_ACCEPTED_TOKEN_TYPES: ' , ' });
    expect(types.status).toBe(2);
    expect(types.stderr).toMatch(/OIDC_ACCEPTED_TOKEN_TYPES/);
  });

  it('the production IdP requires its own clients: without IDP_CLIENTS, or with the demo secrets, it exits 2', () => {
    const { NODE_ENV: _testRunner, ...inherited } = process.env;
    const runIdp = (env: Readonly<Record<string, string>>) =>
      spawnSync(process.execPath, [`${dist}idp/main.js`], { env: { ...inherited, PORT: '0', NODE_ENV: 'production', ...env }, encoding: 'utf8', timeout: 20_000 });
    const missing = runIdp({});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/IDP_CLIENTS: required when NODE_ENV=production/);
    const demo = runIdp({ IDP_CLIENTS: JSON.stringify([{ client_id: 'integrateur-demo', client_secret: 'secret-demo-lecture-a-changer', scopes: ['dossiers:read'] }]) });
    expect(demo.status).toBe(2);
    expect(demo.stderr).toMatch(/IDP_CLIENTS: .*demo secret/);
    expect(demo.stderr).not.toContain('secret-demo-lecture-a-changer');
  });

  it.each([
    [{ IDP_REFRESH_TTL_SECONDS: '90000' }, /IDP_REFRESH_TTL_SECONDS="90000": expected at most 86400/],
    [{ IDP_REFRESH_TTL_SECONDS: 'journée' }, /IDP_REFRESH_TTL_SECONDS/],
    [{ IDP_REFRESH_TTL_SECONDS: '600', IDP_TOKEN_TTL_SECONDS: '900' }, /IDP_REFRESH_TTL_SECONDS: 600 must be at least IDP_TOKEN_TTL_SECONDS/],
    [{ IDP_ROOM_REDIRECT_URIS: 'https://guichet.gouv.tg/supervision#fragment' }, /IDP_ROOM_REDIRECT_URIS/],
  ])('the IdP refuses a bad sign-in setting %j at start-up: exit 2, the variable named', (env, message) => {
    const { NODE_ENV: _testRunner, ...inherited } = process.env;
    const run = spawnSync(process.execPath, [`${dist}idp/main.js`], { env: { ...inherited, PORT: '0', NODE_ENV: 'development', ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['electricity', 'subgraphs/electricity/main.js'],
    ['supervision', 'subgraphs/supervision/main.js'],
    ['legacy-ceet', 'legacy/ceet/main.js'],
  ])('a production %s refuses CEET’s development API key, absent or given', (_name, entry) => {
    const { NODE_ENV: _testRunner, ...inherited } = process.env;
    const run = (env: Readonly<Record<string, string>>) =>
      spawnSync(process.execPath, [`${dist}${entry}`], {
        env: { ...inherited, PORT: '0', NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'a-production-internal-secret-of-48-characters-xyz', ...env },
        encoding: 'utf8',
        timeout: 20_000,
      });
    const missing = run({});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/CEET_API_KEY: required when NODE_ENV=production/);
    const development = run({ CEET_API_KEY: 'dev-ceet-key' });
    expect(development.status).toBe(2);
    expect(development.stderr).toMatch(/CEET_API_KEY: the development value is not allowed/);
    expect(development.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['SUPERVISION_ALERT_BEYOND_DELAY_SHARE', '1.5'],
    ['SUPERVISION_ALERT_OVERDUE_BACKLOG', '0'],
    ['SUPERVISION_MIN_GROUP_SIZE', 'cinq'],
  ])('the supervision subgraph exits 2 on %s=%s, naming it', (name, value) => {
    const run = spawnSync(process.execPath, [`${dist}subgraphs/supervision/main.js`], {
      env: { ...process.env, PORT: '0', SUPERVISION_STORE_PATH: ':memory:', [name]: value },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(name);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('the gateway refuses cache budgets its heap cannot hold', () => {
    const run = spawnSync(process.execPath, ['--max-old-space-size=160', `${dist}gateway/main.js`], {
      env: { ...process.env, SUBGRAPH_CACHE_MAX_BYTES: '500000000' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/SUBGRAPH_CACHE_MAX_BYTES \+ RESPONSE_CACHE_MAX_BYTES \+ PRIVATE_RESPONSE_CACHE_MAX_BYTES \+ QUERY_PLAN_CACHE_MIB come to \d+ MB, more than half the heap/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
