import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from '../../gateway/trusted-documents/index.js';
import { committedSupergraph, editSupergraph } from '../schema-check/testing/edit-supergraph.js';
import { cacheKeysOf } from './cache-keys.js';

const supergraph = committedSupergraph();
const keysOf = (sdl: string) => cacheKeysOf(sdl, apiSchemaOf(sdl));

describe('the normalized cache’s keys, from the schema', () => {
  const { possibleTypes, keyFields, lookups } = keysOf(supergraph);

  it('key every entity by its federation key and every other type by its one ID! field; nothing else', () => {
    expect(keyFields).toMatchObject({ Citizen: 'niu', Procedure: 'code', CivilAct: 'number', LegacySystemHealth: 'system' });
    const schema = apiSchemaOf(supergraph);
    // Every member of Dossier (whichever ministries the registry connects) by reference, never by the hidden lookup key.
    for (const member of possibleTypes.Dossier ?? []) expect(keyFields[member], member).toBe('reference');
    expect(possibleTypes.Dossier?.length).toBe(schema.getPossibleTypes(schema.getType('Dossier') as never).length);
    for (const unkeyed of ['DossierConnection', 'PageInfo', 'DossierStep', 'Query', 'Mutation']) expect(keyFields[unkeyed], unkeyed).toBeUndefined();
  });

  it('redirect each root lookup by key (dossier(reference) to any Dossier member), and no list or other query', () => {
    expect(lookups.dossier).toEqual({ argument: 'reference', typenames: possibleTypes.Dossier });
    expect(lookups.citizen).toEqual({ argument: 'niu', typenames: ['Citizen'] });
    expect(lookups.procedure).toEqual({ argument: 'code', typenames: ['Procedure'] });
    for (const none of ['procedures', 'me', 'supervision', 'electricityConnectionRequests']) expect(lookups[none], none).toBeUndefined();
  });

  it('follow the schema: a new key and a new ID! type are picked up without a list to edit', () => {
    const edited = `${editSupergraph(supergraph, {})}
type Receipt @join__type(graph: DOSSIERS) { number: ID! amount: Int! }
extend type Query @join__type(graph: DOSSIERS) { receipt(number: ID!): Receipt @join__field(graph: DOSSIERS) }`;
    const keys = keysOf(edited);
    expect(keys.keyFields.Receipt).toBe('number');
    expect(keys.lookups.receipt).toEqual({ argument: 'number', typenames: ['Receipt'] });
  });
});
