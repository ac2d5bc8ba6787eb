import { ApolloServer } from '@apollo/server';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { auditPlugin, type AuditedContext } from './audit-plugin.js';
import { collectAccess, takeAccessLedger } from './collect-access.js';
import { createMemoryAuditStore } from './memory-audit-store.js';

const report = (entries: unknown) => ({ data: { ok: true }, extensions: { guichetAccess: entries, other: 1 } });

describe('collectAccess', () => {
  it('takes the report out of the response and keeps the rest', () => {
    const context = {};
    const response = collectAccess(context, report([{ niu: '100000000001', system: 'rnec', action: 'read' }]), 'civil-registry');
    expect(response).toEqual({ data: { ok: true }, extensions: { other: 1 } });
    expect(collectAccess(context, { data: null, extensions: { guichetAccess: [] } })).toEqual({ data: null });
    const ledger = takeAccessLedger(context);
    expect([...ledger!.touched.values()]).toEqual([{ niu: '100000000001', action: 'read', systems: new Set(['rnec']), subgraphs: new Set(['civil-registry']) }]);
    expect(takeAccessLedger(context)).toBeUndefined(); // handed over once
  });

  it('leaves a response without a report untouched', () => {
    const response = { data: { ok: true } };
    expect(collectAccess({}, response)).toBe(response);
  });

  it('flags an unreadable report', () => {
    const context = {};
    collectAccess(context, report([{ niu: 42 }]), 'electricity');
    expect(takeAccessLedger(context)?.malformedFrom).toEqual(new Set(['electricity']));
  });
});

describe('auditPlugin with a fake context', () => {
  async function run(entries: unknown) {
    const lines: string[] = [];
    const log = pino(new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
    const store = createMemoryAuditStore();
    const server = new ApolloServer<AuditedContext>({
      typeDefs: 'type Query { touch: Boolean }',
      resolvers: { Query: { touch: (_: unknown, __: unknown, context: AuditedContext) => (collectAccess(context, report(entries), 'dossiers'), true) } },
      plugins: [auditPlugin({ store, log, now: () => new Date('2026-11-02T08:30:00Z') })],
    });
    await server.start();
    const principal = { subject: 'citizen-1', role: 'citizen' as const, niu: '100000000001', scopes: ['citizen'], clientId: 'app-mobile' };
    const response = await server.executeOperation({ query: 'query Mine { touch }' }, { contextValue: { principal, traceId: 't-1' } });
    await server.stop();
    return { response, store, lines };
  }

  it('writes the record with the principal and the trace id from the context', async () => {
    const { store, response } = await run([{ niu: '100000000001', system: 'guichet', action: 'read' }]);
    expect(response.body).toEqual({ kind: 'single', singleResult: { data: { touch: true } } });
    expect(store.records).toEqual([
      expect.objectContaining({
        at: '2026-11-02T08:30:00.000Z',
        subject: 'citizen-1',
        role: 'citizen',
        clientId: 'app-mobile',
        niu: '100000000001',
        action: 'read',
        operationName: 'Mine',
        systems: ['guichet'],
        subgraphs: ['dossiers'],
        traceId: 't-1',
        seq: 1,
      }),
    ]);
    expect(store.records[0]).not.toHaveProperty('ministry');
  });

  it('treats an unreadable report as an audit failure', async () => {
    const { response, lines } = await run('not a list');
    expect(response.body).toEqual({ kind: 'single', singleResult: { data: null, errors: [expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })] } });
    expect(lines.some((line) => line.includes('unreadable access report') && line.includes('"dossiers"'))).toBe(true);
  });
});
