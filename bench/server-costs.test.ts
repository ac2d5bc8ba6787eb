import { describe, expect, it } from 'vitest';
import { auditRecordCost, isAuditStatement, parseRedisInfo, postgresCost, redisCost, type PostgresCounters, type RedisCounters, type StatementCounter } from './server-costs.js';

const statement = (queryId: string, query: string, calls: number, execMs = calls, walBytes = 0): StatementCounter => ({ queryId, query, calls, execMs, rows: calls, walBytes });

const pgAt = (atMs: number, over: Partial<PostgresCounters> = {}): PostgresCounters => ({
  atMs,
  walBytes: 0,
  commits: 0,
  rollbacks: 0,
  rowsWritten: 0,
  blocksRead: 0,
  blocksHit: 0,
  auditSeq: 0,
  statements: [],
  ...over,
});

const redisAt = (atMs: number, commands: RedisCounters['commands'], bytes = 0): RedisCounters => ({ atMs, commands, netInputBytes: bytes, netOutputBytes: bytes * 2 });

describe('postgresCost', () => {
  it('divides the counters’ growth by the units, the idle rate over as long taken out', () => {
    const idle = { before: pgAt(0, { commits: 100, walBytes: 1_000 }), after: pgAt(1_000, { commits: 110, walBytes: 1_500 }) };
    // 2 s measured: the background is 20 commits and 1000 WAL bytes of the growth.
    const measured = { before: pgAt(5_000, { commits: 200, walBytes: 10_000, rowsWritten: 7 }), after: pgAt(7_000, { commits: 420, walBytes: 31_000, rowsWritten: 107 }) };
    const cost = postgresCost(measured, idle, 100);
    expect(cost.transactions).toBeCloseTo(2);
    expect(cost.walBytes).toBeCloseTo(200);
    expect(cost.rowsWritten).toBeCloseTo(1);
  });

  it('counts statements per unit by statement, new statements from zero, the background’s taken out and never below zero', () => {
    const poll = (calls: number) => statement('1', 'SELECT … FROM outbox_submissions WHERE state = $1', calls);
    const idle = { before: pgAt(0, { statements: [poll(10)] }), after: pgAt(1_000, { statements: [poll(20)] }) };
    const measured = {
      before: pgAt(10_000, { statements: [poll(100), statement('2', 'INSERT INTO outbox_submissions …', 4, 2, 400)] }),
      // The poll ran 15 times in 1 s (background: 10 a second) → 5 extra; the insert 10 new calls; the update is new.
      after: pgAt(11_000, { statements: [poll(115), statement('2', 'INSERT INTO outbox_submissions …', 14, 7, 1_400), statement('3', 'UPDATE outbox_submissions …', 20, 10, 2_000)] }),
    };
    const cost = postgresCost(measured, idle, 10);
    expect(cost.byStatement.map((s) => [s.query.slice(0, 6), s.calls])).toEqual([
      ['UPDATE', 2],
      ['INSERT', 1],
      ['SELECT', 0.5],
    ]);
    expect(cost.statements).toBeCloseTo(3.5);
    expect(cost.serverMs).toBeCloseTo(1 + 0.5 + 0.5);
    expect(cost.byStatement[0]?.walBytes).toBeCloseTo(200);

    // A background busier in the idle window than in the measured one costs nothing, not less than nothing.
    const quiet = postgresCost({ before: pgAt(0, { statements: [poll(0)] }), after: pgAt(1_000, { statements: [poll(5)] }) }, idle, 10);
    expect(quiet.byStatement).toEqual([]);
    expect(quiet.statements).toBe(0);
  });

  it('gives audit records per unit, and nothing per unit when there were no units', () => {
    const measured = { before: pgAt(0, { auditSeq: 10, commits: 5 }), after: pgAt(1_000, { auditSeq: 60, commits: 500 }) };
    expect(postgresCost(measured, undefined, 25).auditRecords).toBe(2);
    expect(postgresCost(measured, undefined, 0)).toMatchObject({ transactions: 0, statements: 0, auditRecords: 0, byStatement: [] });
  });
});

describe('auditRecordCost', () => {
  it('keeps the trail’s statements only, adds BEGIN and COMMIT per append, and divides by the records appended', () => {
    const at = (atMs: number, seq: number, n: number) =>
      pgAt(atMs, {
        auditSeq: seq,
        statements: [
          statement('1', 'SELECT pg_advisory_xact_lock(hashtext($1))', n, n * 0.01),
          statement('2', 'SELECT seq, hash, key_id, mac FROM audit_head', n, n * 0.02),
          statement('3', 'INSERT INTO audit_records (seq, niu, record) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])', n, n * 0.1, n * 3_000),
          statement('4', 'SELECT … FROM outbox_submissions', n * 7),
          statement('5', 'COMMIT', n * 9),
        ],
      });
    // 40 records in 10 appends (concurrent requests share an append).
    const cost = auditRecordCost({ before: at(0, 100, 0), after: at(1_000, 140, 10) }, undefined);
    expect(cost.records).toBe(40);
    expect(cost.transactions).toBeCloseTo(0.25);
    expect(cost.statements).toBeCloseTo(0.25 * 3 + 0.5);
    expect(cost.serverMs).toBeCloseTo((0.1 + 0.2 + 1) / 40);
    expect(cost.walBytes).toBeCloseTo(30_000 / 40);
    expect(cost.byStatement.some((s) => s.query.includes('outbox'))).toBe(false);
  });

  it('recognises the trail’s statements by their tables and lock', () => {
    expect(isAuditStatement('UPDATE audit_head SET seq = $1')).toBe(true);
    expect(isAuditStatement('SELECT record FROM audit_records ORDER BY seq DESC LIMIT $1')).toBe(true);
    expect(isAuditStatement('SELECT pg_advisory_xact_lock(hashtext($1))')).toBe(true);
    expect(isAuditStatement('SELECT * FROM outbox_submissions')).toBe(false);
    expect(isAuditStatement('SELECT * FROM my_audit_records_view')).toBe(false);
  });
});

describe('redisCost', () => {
  it('gives commands and server time per request by command, the bench’s own INFO and the background taken out', () => {
    const idle = {
      before: redisAt(0, { evalsha: { calls: 0, usec: 0 }, publish: { calls: 0, usec: 0 } }, 0),
      after: redisAt(1_000, { evalsha: { calls: 0, usec: 0 }, publish: { calls: 2, usec: 4 } }, 100),
    };
    const measured = {
      before: redisAt(0, { evalsha: { calls: 50, usec: 500 }, get: { calls: 10, usec: 20 }, publish: { calls: 10, usec: 10 }, info: { calls: 4, usec: 400 } }, 1_000),
      after: redisAt(
        2_000,
        { evalsha: { calls: 250, usec: 2_500 }, get: { calls: 110, usec: 220 }, publish: { calls: 14, usec: 18 }, info: { calls: 6, usec: 600 }, set: { calls: 50, usec: 100 } },
        21_200,
      ),
    };
    const cost = redisCost(measured, idle, 100);
    expect(cost.byCommand.map((c) => [c.command, c.calls])).toEqual([
      ['evalsha', 2],
      ['get', 1],
      ['set', 0.5],
    ]);
    expect(cost.commands).toBeCloseTo(3.5);
    expect(cost.serverUs).toBeCloseTo(20 + 2 + 1);
    expect(cost.bytesIn).toBeCloseTo(200);
    expect(cost.bytesOut).toBeCloseTo(400);
  });
});

describe('parseRedisInfo', () => {
  it('reads INFO commandstats and the network totals of INFO stats', () => {
    const info = [
      '# Commandstats',
      'cmdstat_evalsha:calls=12,usec=340,usec_per_call=28.33,rejected_calls=0,failed_calls=0',
      'cmdstat_client|setname:calls=3,usec=4,usec_per_call=1.33,rejected_calls=0,failed_calls=0',
      '',
      '# Stats',
      'total_commands_processed:99',
      'total_net_input_bytes:2048',
      'total_net_output_bytes:4096',
    ].join('\r\n');
    expect(parseRedisInfo(info, 42)).toEqual({
      atMs: 42,
      commands: { evalsha: { calls: 12, usec: 340 }, 'client|setname': { calls: 3, usec: 4 } },
      netInputBytes: 2048,
      netOutputBytes: 4096,
    });
  });
});
