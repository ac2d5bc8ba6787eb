import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/index.js';
import { startTestStack, type TestStack } from '../../gateway/test-support/start-test-stack.js';
import { createLogger } from '../../lib/log/index.js';
import { createPgPool } from '../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';
import { startTestWitness, type TestWitness } from '../../witness/test-support/start-test-witness.js';
import type { AccessReportingContext } from '../access-report-plugin.js';
import { readAuditConfig } from '../audit-config.js';
import { startTinyGateway, type TinyGateway } from '../test-support/tiny-gateway.js';
import { federationLink, startTinySubgraph, type TinySubgraph } from '../test-support/tiny-subgraph.js';
import { createGatewayAuditStore, openGatewayAuditStore, type GatewayAuditStore } from '../witnessing/index.js';
import { createPostgresAuditStore } from './postgres-audit-store.js';

const log = createLogger('audit-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const agent: Principal = { subject: 'agent-42', role: 'agent', ministry: 'ENERGY', scopes: ['agent', 'agent:ENERGY'], clientId: 'portail-agents' };
const hmacKey = 'test-audit-hmac-key-0123456789abcdef0123';

let server: PostgresServer;
let witness: TestWitness;
let subgraph: TinySubgraph;
beforeAll(async () => {
  server = await startPostgresServer();
  witness = await startTestWitness();
  subgraph = await startTinySubgraph('civil-registry', `${federationLink} type Person @key(fields: "niu") { niu: ID! } type Query { person(niu: ID!): Person }`, {
    Query: {
      person: (_: unknown, { niu }: { niu: string }, { access }: AccessReportingContext) => {
        access.record({ niu, system: 'rnec', action: 'read' });
        return { niu };
      },
    },
  });
});
afterAll(async () => {
  await subgraph?.close();
  await witness?.close();
  await server?.destroy();
});

/** The gateway's audit configuration as it reads it from the environment, with DATABASE_URL set. */
const auditEnv = (url: string) => ({ NODE_ENV: 'test', DATABASE_URL: url, AUDIT_HMAC_KEY: hmacKey, AUDIT_WITNESS_URL: witness.url, WITNESS_TOKEN: witness.token, AUDIT_CHECKPOINT_INTERVAL_MS: '20' });

describe('the gateway on PostgreSQL (DATABASE_URL)', () => {
  let store: GatewayAuditStore;
  let gateway: TinyGateway;

  it('writes its trail to PostgreSQL, answers AUDIT_UNAVAILABLE while the server is down, and serves again once it is back', async () => {
    const url = await server.createDatabase('gateway_trail');
    const config = readAuditConfig('gateway', auditEnv(url));
    expect(config.database).toEqual({ url, poolMax: 10 });
    store = createGatewayAuditStore(config, log);
    await openGatewayAuditStore(store, config, log);
    gateway = await startTinyGateway({ subgraphs: [subgraph], store, log, principal: agent });
    try {
      const read = () => gateway.post('query ($niu: ID!) { person(niu: $niu) { niu } }', { niu: '100000000001' });
      expect(await read()).toMatchObject({ status: 200, body: { data: { person: { niu: '100000000001' } } } });
      await server.stop('fast');
      try {
        const refused = await read();
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
        expect(await store.state()).toMatchObject({ accepting: false, store: { engine: 'postgres', up: false }, reason: expect.stringContaining('postgres store does not answer') });
        expect(store.health?.status()).toMatchObject({ store: 'audit', up: false, whileDown: 'fail-closed' });
      } finally {
        await server.start();
      }
      // /ready probes the store while it is down: the replica comes back without a request having to go through.
      await expect.poll(async () => (await store.state()).accepting, { timeout: 10_000 }).toBe(true);
      expect(await read()).toMatchObject({ status: 200, body: { data: { person: { niu: '100000000001' } } } });
    } finally {
      await gateway.close();
      await store.close();
    }
    // Two records in the database, the refused read not among them, and the chain whole.
    const checker = createPostgresAuditStore({ pool: createPgPool({ url, applicationName: 'checker', max: 1 }), ownsPool: true, keyring: config.keyring });
    try {
      expect(await checker.verify()).toMatchObject({ ok: true, count: 2 });
    } finally {
      await checker.close();
    }
  });

  describe('a whole gateway', () => {
    let stack: TestStack;
    let url: string;
    beforeAll(async () => {
      url = await server.createDatabase('gateway_whole');
      stack = await startTestStack({ DATABASE_URL: url, WORKERS: '1' });
    });
    afterAll(() => stack?.close());

    it('migrates its tables at start, shows its PostgreSQL stores in /ready and /metrics, and writes its operational records there', async () => {
      const ready = (await (await fetch(`${stack.gateway.url}/ready`)).json()) as { audit: Record<string, unknown> };
      expect(ready.audit).toMatchObject({ status: 'vouched', store: { engine: 'postgres', up: true } });
      const pool = createPgPool({ url, applicationName: 'checker', max: 1 });
      const components = async () => (await pool.query<{ component: string }>('SELECT DISTINCT component FROM guichet_migrations ORDER BY component')).rows.map((row) => row.component);
      try {
        // Polled: the records table is migrated at start-up without holding the start (local-record-sink.ts); the
        // uploaded documents' store is the gateway's too in scaled mode.
        await expect.poll(components, { timeout: 5_000 }).toEqual(['audit', 'documents', 'request-records']);
        const traceId = '6bf92f3577b34da6a3ce929d0e0e4736';
        const response = await fetch(`${stack.gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(response.status).toBe(200);
        await expect.poll(async () => (await pool.query('SELECT 1 FROM request_records WHERE trace_id = $1', [traceId])).rowCount, { timeout: 5_000 }).toBe(1);
      } finally {
        await pool.end();
      }
      const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
      expect(metrics).toContain('guichet_store_up{store="audit",engine="postgres"} 1');
      expect(metrics).toContain('guichet_store_up{store="request-records",engine="postgres"} 1');
    });
  });
});
