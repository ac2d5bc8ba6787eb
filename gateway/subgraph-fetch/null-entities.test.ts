import { describe, expect, it } from 'vitest';
import { nullableFieldsOf, nullEntities } from './null-entities.js';

const sdl = `type Query { x: Int } type Citizen { niu: ID! electricityRequests: [Int!] } type Request { reference: ID! status: String! note: String }`;
const nullable = nullableFieldsOf(sdl);

describe('nullEntities', () => {
  it('answers nullable fields with null, keeping the type, so the plan goes on', () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { list: electricityRequests } } }`;
    expect(nullEntities(query, [{ __typename: 'Citizen', niu: '1' }], nullable)).toEqual({ _entities: [{ __typename: 'Citizen', list: null }] });
  });

  it('answers the whole entity null when a requested field may not be null', () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Request { status note } } }`;
    expect(nullEntities(query, [{ __typename: 'Request', reference: 'A' }], nullable)).toEqual({ _entities: [null] });
  });

  it('leaves root fetches alone', () => {
    expect(nullEntities('{ x }', [], nullable)).toBeUndefined();
  });
});
