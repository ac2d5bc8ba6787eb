import { describe, expect, it } from 'vitest';
import { forgeAccessToken, tokenFromAnotherKey, unsignedToken, type AccessClaims } from '../support/forged-tokens.js';
import { errorCodes, gql } from '../support/graphql-client.js';
import { isEnglish, isFrench } from '../support/language.js';
import { legacyCounters } from '../support/legacy-counters.js';
import { rawGet, rawPost } from '../support/raw-http.js';
import { spawnGateway } from '../support/spawn-gateway.js';
import { citizenToken } from '../support/tokens.js';
import { citizensInAllSystems } from '../support/world.js';

/**
 * Errors a client can act on, through HTTP on the stack's gateway: RFC 6750 challenges (refresh an expired token,
 * sign in again after an invalid one, sign in for a protected field, ask for rights), per-field detail a form can show
 * (`extensions.fields`), and each message in its reader's language.
 */
const citizen = citizensInAllSystems()[66]!.niu;
const claims: AccessClaims = { sub: 'client-errors', client_id: 'portail-web', role: 'citizen', niu: citizen };

const expiredChallenge = 'Bearer realm="guichet", error="invalid_token", error_description="The access token expired"';
const invalidChallenge = 'Bearer realm="guichet", error="invalid_token", error_description="The access token is invalid"';

/** Refused credentials, and whether the refusal may say "expired". */
const credentials: [string, () => Promise<string>, boolean][] = [
  ['a genuine token past its exp', async () => `Bearer ${await forgeAccessToken(claims, { expiresIn: -120 })}`, true],
  ['a token signed by another key', async () => `Bearer ${await tokenFromAnotherKey(claims)}`, false],
  ['an expired token signed by another key', async () => `Bearer ${await tokenFromAnotherKey({ ...claims, exp: Math.floor(Date.now() / 1000) - 600 })}`, false],
  ['a token for another audience', async () => `Bearer ${await forgeAccessToken(claims, { audience: 'another-api' })}`, false],
  ['an unsigned token', async () => `Bearer ${unsignedToken(claims)}`, false],
  ['a garbage bearer value', async () => 'Bearer abc', false],
  ['the Basic scheme', async () => `Basic ${Buffer.from('portail-web:secret').toString('base64')}`, false],
];

/** Operations a refused token may come with: the answer never depends on which. */
const operations: [string, string][] = [
  ['a public query', '{ procedures { code } }'],
  ['a protected query', '{ me { niu } }'],
  ['a mutation', `mutation { requestCivilActCopy(idempotencyKey: "client-errors-1", input: { applicantNiu: "${citizen}", actNumber: "N-GOLFE1-2019-000001", copies: 1 }) { reference } }`],
];

const matrix = credentials.flatMap(([name, authorization, expired]) =>
  operations.map(([operation, query]): [string, string, () => Promise<string>, boolean, string] => [name, operation, authorization, expired, query]),
);

describe('refused tokens: 401 with an RFC 6750 challenge, whatever the operation', () => {
  it.each(matrix)('%s, on %s', async (_name, _operation, authorization, expired, query) => {
    const response = await rawPost(JSON.stringify({ query }), { 'content-type': 'application/json', authorization: await authorization() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(expired ? expiredChallenge : invalidChallenge);
    expect(response.json?.data).toBeUndefined();
    expect(response.json?.errors).toEqual([
      {
        message: expired ? 'Votre session a expiré : connectez-vous à nouveau.' : 'Authentification requise.',
        extensions: { code: 'UNAUTHENTICATED', reason: expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID' },
      },
    ]);
  });

  it('the same over GET', async () => {
    const response = await rawGet({ query: '{ procedures { code } }' }, { 'apollo-require-preflight': '1', authorization: `Bearer ${await forgeAccessToken(claims, { expiresIn: -120 })}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(expiredChallenge);
  });
});

describe('the identity provider’s keys out of reach', () => {
  it('503 AUTH_UNAVAILABLE with Retry-After: not a refused token (no sign-out), public data still served without one', async () => {
    // A gateway of its own whose JWKS address answers nothing: no token can be checked.
    const gateway = await spawnGateway({ OIDC_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' });
    try {
      const response = await rawPost('{"query":"{ procedures { code } }"}', { 'content-type': 'application/json', authorization: `Bearer ${await citizenToken(citizen)}` }, gateway.graphqlUrl);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(response.json?.errors).toEqual([{ message: expect.stringMatching(/Réessayez/), extensions: { code: 'AUTH_UNAVAILABLE', retryAfterMs: 5_000 } }]);
      const anonymous = await gql('{ procedures { code } }', {}, { url: gateway.graphqlUrl });
      expect(anonymous.errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });
});

describe('challenges on answers that ran', () => {
  it('no token on a protected field: the realm alone, no error (nothing was wrong with a token)', async () => {
    const response = await gql('{ me { niu } procedures { code } }');
    expect(response.status).toBe(200);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="guichet"');
    expect((response.data as { procedures: unknown[] }).procedures.length).toBeGreaterThan(0);
  });

  it('a token without the rights: insufficient_scope', async () => {
    const response = await gql('{ electricityConnectionRequests { totalCount } }', {}, { token: await citizenToken(citizen) });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="guichet", error="insufficient_scope", error_description="[^"]+"$/);
  });

  it('nothing refused, no challenge', async () => {
    for (const token of [undefined, await citizenToken(citizen)]) {
      const response = await gql('{ procedures { code } }', {}, { token });
      expect(response.errors).toBeUndefined();
      expect(response.headers.get('www-authenticate')).toBeNull();
    }
  });
});

const submit = 'mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference } }';
const validInput = { applicantNiu: citizen, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 5 };

/** Variables the gateway cannot coerce: one broken value each, its path and kind. */
const uncoercible: [string, Record<string, unknown>, (string | number)[], string][] = [
  ['an unknown meter type', { ...validInput, meterType: 'TRIPLE' }, ['input', 'meterType'], 'INVALID'],
  ['text for a count', { ...validInput, applianceCount: 'five' }, ['input', 'applianceCount'], 'INVALID'],
  ['a fractional count', { ...validInput, applianceCount: 2.5 }, ['input', 'applianceCount'], 'INVALID'],
  ['a missing quarter', { ...validInput, quarter: undefined }, ['input', 'quarter'], 'REQUIRED'],
  ['a null commune', { ...validInput, communeCode: null }, ['input', 'communeCode'], 'REQUIRED'],
  ['a field the input lacks', { ...validInput, colour: 'blue' }, ['input', 'colour'], 'UNKNOWN_FIELD'],
];

/** Values of the right types that the subgraph's checks refuse. */
const invalid: [string, Record<string, unknown>, (string | number)[], string][] = [
  ['a short NIU', { ...validInput, applicantNiu: '123' }, ['input', 'applicantNiu'], 'INVALID'],
  ['a one-letter quarter', { ...validInput, quarter: 'X' }, ['input', 'quarter'], 'OUT_OF_RANGE'],
  ['no appliance', { ...validInput, applianceCount: 0 }, ['input', 'applianceCount'], 'OUT_OF_RANGE'],
  ['too many appliances', { ...validInput, applianceCount: 500 }, ['input', 'applianceCount'], 'OUT_OF_RANGE'],
  ['a lower-case commune', { ...validInput, communeCode: 'golfe' }, ['input', 'communeCode'], 'INVALID'],
];

interface Field {
  path: (string | number)[];
  code: string;
  message: string;
}
const fieldsOf = (error: { extensions?: Record<string, unknown> } | undefined) => (error?.extensions?.fields ?? []) as Field[];

describe('extensions.fields: what a form shows beside each input', () => {
  it.each(uncoercible)('variables that do not coerce (%s): 400 BAD_USER_INPUT before anything runs', async (_name, input, path, code) => {
    const before = await legacyCounters();
    // A request error: 400 for the spec's own media type (an `application/json`-only client may get 200, as the spec asks).
    const response = await gql(submit, { input, key: `client-errors-${path.join('-')}` }, { token: await citizenToken(citizen), headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const fields = fieldsOf(response.errors?.[0]);
    expect(fields).toEqual([{ path, code, message: expect.any(String) }]);
    expect(isFrench(fields[0]!.message), fields[0]!.message).toBe(true);
    expect(isFrench(response.errors![0]!.message), response.errors![0]!.message).toBe(true);
    expect(await legacyCounters()).toEqual(before);
  });

  it('every uncoercible value at once, each in its place', async () => {
    const response = await gql(submit, { input: { ...validInput, meterType: 'X', applianceCount: 'y', quarter: undefined } }, { token: await citizenToken(citizen) });
    expect(fieldsOf(response.errors?.[0]).map((f) => [f.path.join('.'), f.code])).toEqual([
      ['input.meterType', 'INVALID'],
      ['input.quarter', 'REQUIRED'],
      ['input.applianceCount', 'INVALID'],
      ['key', 'REQUIRED'],
    ]);
  });

  it.each(invalid)('the subgraph’s own checks (%s): the same shape, from the argument', async (_name, input, path, code) => {
    const response = await gql(submit, { input, key: `client-errors-${path.join('-')}-${code}` }, { token: await citizenToken(citizen) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const fields = fieldsOf(response.errors?.[0]);
    expect(fields.map((f) => ({ path: f.path, code: f.code }))).toContainEqual({ path, code });
    for (const field of fields) expect(isFrench(field.message), field.message).toBe(true);
  });

  it('several broken values from the subgraph: one entry each, and the message still says them all', async () => {
    const response = await gql(submit, { input: { ...validInput, applicantNiu: '123', applianceCount: 0 }, key: 'client-errors-several' }, { token: await citizenToken(citizen) });
    const paths = fieldsOf(response.errors?.[0]).map((f) => f.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['input.applicantNiu', 'input.applianceCount']));
    expect(response.errors![0]!.message).toMatch(/au moins un appareil/);
  });

  it('a bad argument found by a resolver names its argument', async () => {
    const response = await gql('{ dossier(reference: "CEET-12") { reference } }', {}, { token: await citizenToken(citizen) });
    expect(fieldsOf(response.errors?.[0])).toEqual([{ path: ['reference'], code: 'INVALID', message: expect.stringMatching(/Référence de dossier invalide/) }]);
  });
});

describe('each message in its reader’s language', () => {
  /** Developer-facing protocol errors: English, like GraphQL's and Apollo's own. */
  const protocol: [string, () => Promise<{ status: number; message: string | undefined }>][] = [
    ['a syntax error', () => post('{ procedures { code }')],
    ['an unknown field', () => post('{ procedures { nope } }')],
    ['a malformed JSON body', () => raw('{"query": ')],
    ['no query at all', () => raw('{}')],
    ['an unknown persisted id', () => raw(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }))],
    ['an alias bomb', () => post(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: procedures { code }`).join(' ')} }`)],
    ['a GET without a preflight header (CSRF)', async () => first(await rawGet({ query: '{ procedures { code } }' }))],
  ];
  /** What the user is told: French. */
  const user: [string, () => Promise<{ status: number; message: string | undefined }>][] = [
    ['an unknown dossier', async () => post('{ dossier(reference: "URB-2020-999999") { reference } }', await citizenToken(citizen))],
    ['a malformed reference', async () => post('{ dossier(reference: "CEET-12") { reference } }', await citizenToken(citizen))],
    ['a protected field without a token', () => post('{ me { niu } }')],
    ['a field beyond the token’s rights', async () => post('{ electricityConnectionRequests { totalCount } }', await citizenToken(citizen))],
    ['an invalid token', async () => first(await rawPost('{"query":"{ me { niu } }"}', { 'content-type': 'application/json', authorization: 'Bearer abc' }))],
  ];

  it.each(protocol)('%s: English', async (_name, request) => {
    const { message } = await request();
    expect(message).toBeDefined();
    expect(isEnglish(message!), message).toBe(true);
  });

  it.each(user)('%s: French', async (_name, request) => {
    const { message } = await request();
    expect(message).toBeDefined();
    expect(isFrench(message!), message).toBe(true);
  });
});

async function post(query: string, token?: string) {
  const response = await gql(query, {}, { token });
  return { status: response.status, message: response.errors?.[0]?.message };
}

async function raw(body: string) {
  return first(await rawPost(body, { 'content-type': 'application/json' }));
}

function first(response: { status: number; json: { errors?: { message: string }[] } | undefined }) {
  return { status: response.status, message: response.json?.errors?.[0]?.message };
}
