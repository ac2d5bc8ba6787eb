import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import type { TestSubgraphDefinition } from './start-test-subgraph.js';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const people: Readonly<Record<string, string>> = { '1001': 'Afi Mensah', '1002': 'Kodjo Agbeko' };

/** Owns Person (`niu`, `fullName`); `boom` fails with an internal error, `person` with NOT_FOUND. */
export const civilRegistry: TestSubgraphDefinition = {
  name: 'civil-registry',
  typeDefs: `${link}
    type Person @key(fields: "niu") { niu: ID! fullName: String! }
    type Query { person(niu: ID!): Person boom: String }
    type Mutation { touch: Boolean }`,
  resolvers: {
    Query: {
      person: (_: unknown, { niu }: { niu: string }) => {
        const fullName = people[niu];
        if (!fullName) throw new GraphQLError('Personne introuvable.', { extensions: { code: 'NOT_FOUND', system: 'RNEC', retryable: false } });
        return { niu, fullName };
      },
      boom: () => {
        throw new Error('connection string postgres://admin:secret@db/rnec refused');
      },
    },
    Mutation: { touch: () => true },
    Person: { __resolveReference: ({ niu }: { niu: string }) => ({ niu, fullName: people[niu] ?? 'Inconnu' }) },
  },
};

/** Extends Person with meters; `meter` answers after `electricityControl.delayMs`. */
export const electricityControl = { delayMs: 0 };

export const electricity: TestSubgraphDefinition = {
  name: 'electricity',
  typeDefs: `${link}
    type Person @key(fields: "niu") { niu: ID! meters: [Meter!]! }
    type Meter { number: String! }
    type Query { meter(number: String!): Meter }`,
  resolvers: {
    Query: {
      meter: async (_: unknown, { number }: { number: string }) => {
        if (electricityControl.delayMs > 0) await sleep(electricityControl.delayMs);
        return { number };
      },
    },
    Person: { meters: ({ niu }: { niu: string }) => [{ number: `CPT-${niu}` }] },
  },
};
