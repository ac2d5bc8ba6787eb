import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/index.js';
import { errorMessages } from '../schema/error-codes.js';
import type { AccessReportingContext } from './access-report-plugin.js';
import type { AuditStore } from './audit-store.js';
import { createMemoryAuditStore, type MemoryAuditStore } from './memory-audit-store.js';
import { startTinyGateway, type TinyGateway } from './test-support/tiny-gateway.js';
import { federationLink, startTinySubgraph, type TinySubgraph } from './test-support/tiny-subgraph.js';

const agent: Principal = { subject: 'agent-42', role: 'agent', ministry: 'ENERGY', scopes: ['agent', 'agent:ENERGY'], clientId: 'portail-agents' };
const people: Readonly<Record<string, string>> = { '100000000001': 'Afi Mensah', '100000000002': 'Kodjo Agbeko' };

let subgraphs: TinySubgraph[];
/** Mutations that reached the subgraph. */
let connectionsRequested = 0;

beforeAll(async () => {
  subgraphs = await Promise.all([
    startTinySubgraph(
      'civil-registry',
      `${federationLink}
        type Person @key(fields: "niu") { niu: ID! fullName: String! }
        type Query { person(niu: ID!): Person procedures: [String!]! }`,
      {
        Query: {
          person: (_: unknown, { niu }: { niu: string }, { access }: AccessReportingContext) => {
            access.record({ niu, system: 'rnec', action: 'read' });
            return { niu, fullName: people[niu] };
          },
          procedures: () => ['CEET-BRANCHEMENT'],
        },
        Person: {
          __resolveReference: ({ niu }: { niu: string }, { access }: AccessReportingContext) => {
            access.record({ niu, system: 'rnec', action: 'read' });
            return { niu, fullName: people[niu] };
          },
        },
      },
    ),
    startTinySubgraph(
      'electricity',
      `${federationLink}
        type Person @key(fields: "niu") { niu: ID! meters: [String!]! }
        type Query { meterOwner(meter: String!): Person }
        type Mutation { requestConnection(niu: ID!): Boolean }`,
      {
        Query: { meterOwner: () => ({ niu: '100000000002' }) },
        Mutation: {
          requestConnection: (_: unknown, { niu }: { niu: string }, { access }: AccessReportingContext) => {
            connectionsRequested += 1;
            access.record({ niu, system: 'ceet', action: 'write' });
            return true;
          },
        },
        Person: {
          meters: ({ niu }: { niu: string }, _: unknown, { access }: AccessReportingContext) => {
            access.record({ niu, system: 'ceet', action: 'read' });
            return [`CPT-${niu}`];
          },
        },
      },
    ),
  ]);
});
afterAll(() => Promise.all(subgraphs.map((subgraph) => subgraph.close())));

function capturingLog() {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  return { log, lines };
}

async function withGateway<T>(store: AuditStore, run: (gateway: TinyGateway, lines: string[]) => Promise<T>, failClosed?: boolean): Promise<T> {
  const { log, lines } = capturingLog();
  const gateway = await startTinyGateway({ subgraphs, store, log, principal: agent, failClosed });
  try {
    return await run(gateway, lines);
  } finally {
    await gateway.close();
  }
}

const dashboard = 'query Dashboard($niu: ID!) { person(niu: $niu) { fullName meters } owner: meterOwner(meter: "X") { fullName } }';

describe('auditPlugin (a real gateway in front of real subgraphs)', () => {
  it('records one entry per NIU and action, with who, what, where and the trace id', async () => {
    const store = createMemoryAuditStore();
    const { status, body } = await withGateway(store, (gateway) => gateway.post(dashboard, { niu: '100000000001' }, { 'x-trace-id': 'trace-abc' }));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: { fullName: 'Afi Mensah', meters: ['CPT-100000000001'] }, owner: { fullName: 'Kodjo Agbeko' } } }); // no guichetAccess reaches the client
    const common = { subject: 'agent-42', role: 'agent', ministry: 'ENERGY', clientId: 'portail-agents', action: 'read', operationName: 'Dashboard', traceId: 'trace-abc' };
    expect(store.records).toHaveLength(2);
    expect(store.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...common, niu: '100000000001', systems: ['ceet', 'rnec'], subgraphs: ['civil-registry', 'electricity'] }),
        expect.objectContaining({ ...common, niu: '100000000002', systems: ['rnec'], subgraphs: ['civil-registry'] }),
      ]),
    );
    expect(Date.parse(store.records[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(await store.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('records writes as writes', async () => {
    const store = createMemoryAuditStore();
    await withGateway(store, (gateway) => gateway.post('mutation File { requestConnection(niu: "100000000001") }'));
    expect(store.records).toEqual([expect.objectContaining({ niu: '100000000001', action: 'write', systems: ['ceet'], operationName: 'File' })]);
  });

  it('records nothing when no personal data was served', async () => {
    const store = createMemoryAuditStore();
    const { body } = await withGateway(store, (gateway) => gateway.post('{ procedures }'));
    expect(body).toEqual({ data: { procedures: ['CEET-BRANCHEMENT'] } });
    expect(store.records).toEqual([]);
  });

  it('withholds the response when the records cannot be written, and logs it without any NIU', async () => {
    const store = brokenStore();
    const { status, body, lines } = await withGateway(store, async (gateway, lines) => ({ ...(await gateway.post(dashboard, { niu: '100000000001' })), lines }));
    expect(status).toBe(503);
    expect(body).toEqual({ data: null, errors: [{ message: errorMessages.AUDIT_UNAVAILABLE, extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
    const failure = lines.find((line) => line.includes('audit append failed'));
    expect(failure).toBeDefined();
    expect(JSON.parse(failure!)).toMatchObject({ records: 2, operationName: 'Dashboard' });
    expect(lines.join('')).not.toMatch(/10000000000[12]/);
  });

  it('can be told to send the response anyway (failClosed: false), still logging the failure', async () => {
    const { status, body, lines } = await withGateway(brokenStore(), async (gateway, lines) => ({ ...(await gateway.post(dashboard, { niu: '100000000001' })), lines }), false);
    expect(status).toBe(200);
    expect(body).toMatchObject({ data: { person: { fullName: 'Afi Mensah' } } });
    expect(lines.some((line) => line.includes('audit append failed'))).toBe(true);
  });
});

describe('auditPlugin while the trail accepts no records (not vouched for by its witness)', () => {
  const unvouched = (): AuditStore => ({
    ...createMemoryAuditStore(),
    append: () => Promise.reject(new Error('audit trail not accepting records (behind-witness)')),
    state: async () => ({ status: 'behind-witness', accepting: false, reason: 'the trail ends at seq 3 but the witness signed seq 6', log: 'guichet', seq: 3, witnessedSeq: null }),
  });

  it('refuses a mutation before it reaches a ministry: 503 AUDIT_UNAVAILABLE', async () => {
    const before = connectionsRequested;
    const { status, body } = await withGateway(unvouched(), (gateway) => gateway.post('mutation File { requestConnection(niu: "100000000001") }'));
    expect(status).toBe(503);
    expect(body).toMatchObject({ errors: [{ message: errorMessages.AUDIT_UNAVAILABLE, extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
    expect(body.data ?? null).toBeNull();
    expect(connectionsRequested).toBe(before);
  });

  it('withholds personal data, and still serves what is public', async () => {
    const store = unvouched();
    const personal = await withGateway(store, (gateway) => gateway.post(dashboard, { niu: '100000000001' }));
    expect(personal).toMatchObject({ status: 503, body: { data: null, errors: [{ extensions: { code: 'AUDIT_UNAVAILABLE' } }] } });
    const catalogue = await withGateway(store, (gateway) => gateway.post('{ procedures }'));
    expect(catalogue).toEqual({ status: 200, body: { data: { procedures: ['CEET-BRANCHEMENT'] } } });
  });

  it('lets mutations through while the trail accepts records', async () => {
    const before = connectionsRequested;
    const accepting: AuditStore = { ...createMemoryAuditStore(), state: async () => ({ status: 'vouched', accepting: true, log: 'guichet', seq: 0, witnessedSeq: 0 }) };
    const { status } = await withGateway(accepting, (gateway) => gateway.post('mutation File { requestConnection(niu: "100000000001") }'));
    expect(status).toBe(200);
    expect(connectionsRequested).toBe(before + 1);
  });
});

function brokenStore(): MemoryAuditStore {
  const store = createMemoryAuditStore();
  return { ...store, append: () => Promise.reject(new Error('ENOSPC: no space left on device')) };
}
