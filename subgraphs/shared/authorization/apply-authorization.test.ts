import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../auth/index.js';
import { applyAuthorization } from './apply-authorization.js';
import { asReceipt } from './receipts.js';

/**
 * The rules a subgraph's SDL declares, enforced on every field: deny by default, alternatives of all-of scope lists,
 * and the receipt-limited write scope (a filer reads back what it filed in this request, nothing else).
 */
const sdl = `
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  directive @authenticated on FIELD_DEFINITION | OBJECT
  type Query {
    filed: Dossier @requiresScopes(scopes: [["citizen"], ["dossiers:write"]])
    stored: Dossier @requiresScopes(scopes: [["citizen"], ["dossiers:read"]])
    anyone: String @authenticated
    open: String
  }
  type Mutation { file: Dossier @requiresScopes(scopes: [["citizen"], ["dossiers:write"]]) }
  type Dossier @requiresScopes(scopes: [["citizen"], ["agent"], ["dossiers:read"], ["dossiers:write"]]) {
    reference: String
    secret: String @requiresScopes(scopes: [["citizen"], ["citizens:read", "dossiers:read"]])
  }
`;

const principal = (role: Principal['role'], scopes: string[]): Principal => ({ subject: role, role, scopes, clientId: 'test' });
const principals = {
  anonymous: principal('anonymous', []),
  citizen: principal('citizen', ['citizen']),
  agent: principal('agent', ['agent', 'agent:ENERGY']),
  reader: principal('integrator', ['dossiers:read']),
  readerOfBoth: principal('integrator', ['dossiers:read', 'citizens:read']),
  writer: principal('integrator', ['dossiers:write']),
  supervisor: principal('supervisor', ['supervisor', 'supervision:read']),
} as const;
type Who = keyof typeof principals;

async function run(who: Who, source: string) {
  const schema = applyAuthorization(buildSchema(sdl));
  const context = { principal: principals[who] };
  const stored = { reference: 'R-1', secret: 's' };
  const rootValue = {
    file: () => asReceipt(context, { reference: 'R-2', secret: 's' }),
    filed: () => asReceipt(context, { reference: 'R-3', secret: 's' }),
    stored: () => stored,
    anyone: () => 'yes',
    open: () => 'yes',
  };
  const result = await graphql({ schema, source, rootValue, contextValue: context });
  return { data: JSON.parse(JSON.stringify(result.data ?? null)) as unknown, codes: (result.errors ?? []).map((e) => `${e.path?.join('.')}:${String(e.extensions.code)}`).sort() };
}

const expected: Record<string, Record<Who, string[]>> = {
  // Root: the write scope files; the returned dossier is its receipt (reference), not a read of what it holds beyond.
  'mutation { file { reference } }': {
    anonymous: ['file:UNAUTHENTICATED'],
    citizen: [],
    agent: ['file:FORBIDDEN'],
    reader: ['file:FORBIDDEN'],
    readerOfBoth: ['file:FORBIDDEN'],
    writer: [],
    supervisor: ['file:FORBIDDEN'],
  },
  '{ filed { reference secret } }': {
    anonymous: ['filed:UNAUTHENTICATED'],
    citizen: [],
    agent: ['filed:FORBIDDEN'],
    reader: ['filed:FORBIDDEN'],
    readerOfBoth: ['filed:FORBIDDEN'],
    writer: ['filed.secret:FORBIDDEN'],
    supervisor: ['filed:FORBIDDEN'],
  },
  // A dossier that is not this request's receipt: the write scope alone never reads it.
  '{ stored { reference } }': {
    anonymous: ['stored:UNAUTHENTICATED'],
    citizen: [],
    agent: ['stored:FORBIDDEN'],
    reader: [],
    readerOfBoth: [],
    writer: ['stored:FORBIDDEN'],
    supervisor: ['stored:FORBIDDEN'],
  },
  '{ stored { secret } }': {
    anonymous: ['stored:UNAUTHENTICATED'],
    citizen: [],
    agent: ['stored:FORBIDDEN'],
    reader: ['stored.secret:FORBIDDEN'],
    readerOfBoth: [],
    writer: ['stored:FORBIDDEN'],
    supervisor: ['stored:FORBIDDEN'],
  },
  '{ anyone }': { anonymous: ['anyone:UNAUTHENTICATED'], citizen: [], agent: [], reader: [], readerOfBoth: [], writer: [], supervisor: [] },
  '{ open }': { anonymous: [], citizen: [], agent: [], reader: [], readerOfBoth: [], writer: [], supervisor: [] },
};

const cases = Object.entries(expected).flatMap(([source, byWho]) => Object.entries(byWho).map(([who, codes]) => ({ source, who: who as Who, codes })));

describe('applyAuthorization', () => {
  it.each(cases)('$who: $source → $codes', async ({ source, who, codes }) => {
    const result = await run(who, source);
    expect(result.codes).toEqual(codes);
  });

  it('never lets a receipt of one request serve another request', async () => {
    const schema = applyAuthorization(buildSchema(sdl));
    const first = { principal: principals.writer };
    const shared = asReceipt(first, { reference: 'R-9', secret: 's' });
    const second = { principal: principals.writer };
    const result = await graphql({ schema, source: '{ filed { reference } }', rootValue: { filed: () => shared }, contextValue: second });
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });
});
