import { describe, expect, inject, it } from 'vitest';
import type { Principal } from '../../../auth/index.js';
import { expiredInternalToken, internalTokenWithWrongSecret, unsignedInternalToken, untypedInternalToken } from '../../support/forged-internal-tokens.js';
import { stackServices } from '../../../scripts/stack/index.js';
import { rawGet, rawPost } from '../../support/raw-http.js';
import { citizenToken, internalTokenFor } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/** Nobody reaches a subgraph but the gateway: without a valid internal token, HTTP 401 — `_service` and `_entities` included. */
const citizen = citizenInAllSystems();
const principal: Principal = { subject: 'intruder', role: 'integrator', scopes: ['citizens:read', 'dossiers:read', 'dossiers:write'], clientId: 'intruder' };
/** Every subgraph of the stack: one per connected ministry of the registry, dossiers and supervision. */
const subgraphs = stackServices.filter((s) => s.tier === 'subgraph').map((s) => s.name);
const refusal = { errors: [{ message: 'Authentification requise.', extensions: { code: 'UNAUTHENTICATED' } }] };

const documents = {
  sdl: { query: '{ _service { sdl } }' },
  entities: {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Citizen { niu } } }',
    variables: { r: [{ __typename: 'Citizen', niu: citizen.niu }] },
  },
};

const credentials: readonly [string, () => Promise<Record<string, string>>][] = [
  ['no token', async () => ({})],
  ['a token signed with another secret', async () => ({ 'x-guichet-internal-token': await internalTokenWithWrongSecret(principal) })],
  ['an alg none token', async () => ({ 'x-guichet-internal-token': unsignedInternalToken(principal) })],
  ['an expired token signed with the real secret', async () => ({ 'x-guichet-internal-token': await expiredInternalToken(principal) })],
  ['a token with the real secret but not of the internal type', async () => ({ 'x-guichet-internal-token': await untypedInternalToken(principal) })],
  ['a citizen’s genuine access token in the internal header', async () => ({ 'x-guichet-internal-token': await citizenToken(citizen.niu) })],
  ['a genuine internal token sent as a bearer token', async () => ({ authorization: `Bearer ${await internalTokenFor(principal)}` })],
];

describe('the gateway is the only door', () => {
  it.each(subgraphs)('control: %s answers a genuine internal token', async (subgraph) => {
    const response = await rawPost(
      JSON.stringify(documents.sdl),
      { 'content-type': 'application/json', 'x-guichet-internal-token': await internalTokenFor(principal) },
      inject('serviceUrls')[subgraph],
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('sdl');
  });

  for (const subgraph of subgraphs) {
    it.each(credentials)(`${subgraph}: _service and _entities with %s → 401`, async (_name, headersOf) => {
      const headers = { 'content-type': 'application/json', ...(await headersOf()) };
      for (const document of [documents.sdl, documents.entities]) {
        const response = await rawPost(JSON.stringify(document), headers, inject('serviceUrls')[subgraph]);
        expect(response.status).toBe(401);
        expect(response.json).toEqual(refusal);
        expect(response.text).not.toContain(citizen.niu);
      }
    });
  }

  it.each(subgraphs)('%s refuses a GET without a token too', async (subgraph) => {
    const response = await rawGet({ query: '{ _service { sdl } }' }, { 'apollo-require-preflight': 'true' }, inject('serviceUrls')[subgraph]);
    expect(response.status).toBe(401);
    expect(response.json).toEqual(refusal);
  });
});
