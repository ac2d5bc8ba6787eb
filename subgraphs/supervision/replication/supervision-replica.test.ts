import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError, type LegacySystem } from '../../../adapters/shared/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { createPgPool, type PgPool } from '../../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import type { OutboxOutcomeItem } from '../../shared/index.js';
import { INITIAL_SINCE, type ChangeFeed, type OutboxOutcomeSource } from '../ingestion/index.js';
import { createReadModel, type DossierFact, type ReadModel } from '../read-model/index.js';
import { openPostgresReadModelStore, type PostgresReadModelStore } from '../store/index.js';
import { createPostgresLeaderLease, createSupervisionReplica, type LeaderLease, type SupervisionReplica } from './index.js';

const log = createLogger('supervision-replica-test', 'silent');
const t0 = Date.parse('2026-11-20T10:00:00Z');
const leaseMs = 600;
const pollIntervalMs = 40;
const overlapMs = 60_000;

const fact = (system: LegacySystem, n: number, status: DossierFact['status'], updatedMs: number): DossierFact => ({
  key: `${system.toUpperCase()}-2026-${String(n).padStart(6, '0')}`,
  system,
  procedure: system === 'ceet' ? 'CEET-RACCORDEMENT-BT' : 'RNEC-COPIE-NAISSANCE',
  commune: 'GOLFE1',
  status,
  submittedMs: t0 - 86_400_000,
  decidedMs: status === 'COMPLETED' ? updatedMs : null,
  updatedMs,
});

/** A legacy system's change feed shared by every replica (as the real one is): versions in time, and who read since when. */
function legacySystem(system: LegacySystem) {
  const versions: DossierFact[] = [];
  const calls: { reader: string; since: string }[] = [];
  let down = false;
  const feedFor = (reader: string): ChangeFeed => ({
    system,
    async changedSince(since) {
      calls.push({ reader, since });
      if (down) throw new AdapterError({ code: 'BACKEND_UNAVAILABLE', system, operation: 'changedSince', message: 'down', retryable: true });
      const latest = new Map<string, DossierFact>();
      for (const v of versions) latest.set(v.key, v);
      return [...latest.values()].filter((v) => v.updatedMs >= Date.parse(since)).map((v) => ({ fact: v, ownerNiu: `NIU-${v.key}`, ministryStatus: null }));
    },
  });
  return { versions, calls, feedFor, setDown: (value: boolean) => (down = value) };
}

/** A ministry subgraph's outbox outcomes, shared by every replica: outcomes numbered from 1, and who read after what. */
function ministryOutbox() {
  const outcomes: OutboxOutcomeItem[] = [];
  const reads: { reader: string; after: string | null }[] = [];
  const sourceFor = (reader: string): OutboxOutcomeSource => ({
    ministry: 'ENERGY',
    url: 'http://electricity.test',
    async read(after, limit) {
      reads.push({ reader, after });
      if (after === null) return { outcomes: [], next: String(outcomes.length) };
      const page = outcomes.filter((o) => Number(o.cursor) > Number(after)).slice(0, limit);
      return { outcomes: page, next: page.at(-1)?.cursor ?? after };
    },
  });
  const deliver = (n: number) =>
    outcomes.push({
      cursor: String(outcomes.length + 1),
      reference: `CEET-2026-${String(n).padStart(6, '0')}`,
      submissionReference: `GCH-${n}`,
      ownerNiu: '100000000001',
      ministry: 'ENERGY',
      system: 'ceet',
      procedure: 'CEET-RACCORDEMENT-BT',
      outcome: 'DELIVERED',
      at: new Date(t0 + n).toISOString(),
    });
  return { reads, sourceFor, deliver };
}

let server: PostgresServer;
let databases = 0;
const pools: PgPool[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.destroy();
});

interface Replica {
  readonly name: string;
  readonly replica: SupervisionReplica;
  readonly model: ReadModel;
  readonly store: PostgresReadModelStore;
}
const running: Replica[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.replica.close()));
});

async function setUp() {
  databases += 1;
  const url = await server.createDatabase(`replicas_${databases}`);
  const ceet = legacySystem('ceet');
  const rnec = legacySystem('rnec');
  const outbox = ministryOutbox();
  const start = async (name: string, wrapLease: (lease: LeaderLease) => LeaderLease = (lease) => lease): Promise<Replica> => {
    // One pool per replica, as in separate processes.
    const pool = createPgPool({ url, applicationName: `supervision-${name}`, max: 4, connectionTimeoutMs: 1_000 });
    pools.push(pool);
    const store = await openPostgresReadModelStore({ pool, sources: 'ceet=x rnec=y', leaseHolder: name });
    const lease = wrapLease(createPostgresLeaderLease({ pool, holder: name, leaseMs, health: store.health }));
    const model = createReadModel();
    const replica = createSupervisionReplica({
      feeds: [ceet.feedFor(name), rnec.feedFor(name)],
      outboxes: [outbox.sourceFor(name)],
      store,
      lease,
      model,
      leaseMs,
      pollIntervalMs,
      overlapMs,
      log,
    });
    await replica.start();
    const started = { name, replica, model, store };
    running.push(started);
    return started;
  };
  /** The database's own view: distinct facts and cursors, whoever wrote them. */
  const stored = async () => {
    const pool = createPgPool({ url, applicationName: 'supervision-check', max: 1 });
    try {
      const facts = await pool.query<{ key: string; status: string }>('SELECT key, status FROM supervision_facts ORDER BY key');
      return facts.rows.map((r) => `${r.key}:${r.status}`);
    } finally {
      await pool.end();
    }
  };
  return { ceet, rnec, outbox, start, stored };
}

/** Samples how many replicas believe they lead, every few milliseconds, for the whole test: never two. */
function watchLeaders(...replicas: Replica[]) {
  let most = 0;
  const timer = setInterval(() => (most = Math.max(most, leaders(...replicas).length)), 2);
  return () => (clearInterval(timer), most);
}

const figures = (model: ReadModel) => model.overview({}, t0 + 3_600_000);
const leaders = (...replicas: Replica[]) => replicas.filter((r) => r.replica.leading()).map((r) => r.name);

describe('supervision replicas on one PostgreSQL', () => {
  it('exactly one ingests; the other serves the same figures from the shared facts, and stays fresh', async () => {
    const { ceet, rnec, start } = await setUp();
    ceet.versions.push(fact('ceet', 1, 'SUBMITTED', t0), fact('ceet', 2, 'IN_PROGRESS', t0 + 1_000));
    rnec.versions.push(fact('rnec', 1, 'COMPLETED', t0 + 2_000));
    const a = await start('a');
    const b = await start('b');
    expect(leaders(a, b)).toEqual(['a']);
    await expect.poll(() => b.model.size, { timeout: 10_000 }).toBe(3);
    expect(figures(b.model)).toEqual(figures(a.model));
    expect(b.replica.status()).toMatchObject({ initialLoadComplete: true, unavailable: [] });
    // Only the leader reads the legacy systems.
    expect(new Set([...ceet.calls, ...rnec.calls].map((c) => c.reader))).toEqual(new Set(['a']));
    ceet.versions.push(fact('ceet', 2, 'COMPLETED', t0 + 5_000), fact('ceet', 3, 'SUBMITTED', t0 + 6_000));
    await expect.poll(() => figures(b.model).totals.total, { timeout: 10_000 }).toBe(4);
    await expect.poll(() => figures(b.model).totals.byStatus.find((s) => s.status === 'COMPLETED')?.count, { timeout: 10_000 }).toBe(2);
    expect(figures(b.model)).toEqual(figures(a.model));
    expect(leaders(a, b)).toEqual(['a']);
  });

  it('stopping the leader hands over: the other resumes every feed from its stored cursor, nothing lost or doubled', async () => {
    const { ceet, rnec, start, stored } = await setUp();
    ceet.versions.push(fact('ceet', 1, 'SUBMITTED', t0), fact('ceet', 2, 'IN_PROGRESS', t0 + 1_000));
    rnec.versions.push(fact('rnec', 1, 'SUBMITTED', t0 + 2_000));
    const a = await start('a');
    const b = await start('b');
    const most = watchLeaders(a, b);
    await expect.poll(() => b.model.size, { timeout: 10_000 }).toBe(3);
    running.splice(running.indexOf(a), 1);
    await a.replica.close();
    await expect.poll(() => b.replica.leading(), { timeout: 10_000 }).toBe(true);
    ceet.versions.push(fact('ceet', 1, 'COMPLETED', t0 + 10_000));
    rnec.versions.push(fact('rnec', 2, 'SUBMITTED', t0 + 11_000));
    await expect.poll(() => figures(b.model).totals.total, { timeout: 10_000 }).toBe(4);
    await expect.poll(stored, { timeout: 10_000 }).toEqual(['CEET-2026-000001:COMPLETED', 'CEET-2026-000002:IN_PROGRESS', 'RNEC-2026-000001:SUBMITTED', 'RNEC-2026-000002:SUBMITTED']);
    // b never read a feed from the start: its first reads are from a's cursors, minus the overlap.
    const byB = [...ceet.calls, ...rnec.calls].filter((c) => c.reader === 'b');
    expect(byB.length).toBeGreaterThan(0);
    expect(byB.some((c) => c.since === INITIAL_SINCE)).toBe(false);
    expect(ceet.calls.find((c) => c.reader === 'b')?.since).toBe(new Date(t0 + 1_000 - overlapMs).toISOString());
    // A replica started now follows b and answers the same figures.
    const c = await start('c');
    expect(c.replica.leading()).toBe(false);
    expect(figures(c.model)).toEqual(figures(b.model));
    expect(most()).toBe(1);
  });

  it('only the leader reads the outboxes; a new leader resumes from the stored outbox cursor: each outcome one event', async () => {
    const { outbox, start } = await setUp();
    outbox.deliver(1);
    const a = await start('a');
    const b = await start('b');
    await expect.poll(() => outbox.reads.some((r) => r.reader === 'a' && r.after === '1'), { timeout: 10_000 }).toBe(true);
    outbox.deliver(2);
    const delivered = async () => (await b.store.events.readAfter('0', 100)).events.filter((e) => e.type === 'SUBMISSION_DELIVERED').map((e) => e.reference);
    await expect.poll(delivered, { timeout: 10_000 }).toEqual(['CEET-2026-000002']);
    running.splice(running.indexOf(a), 1);
    await a.replica.close();
    await expect.poll(() => b.replica.leading(), { timeout: 10_000 }).toBe(true);
    outbox.deliver(3);
    await expect.poll(delivered, { timeout: 10_000 }).toEqual(['CEET-2026-000002', 'CEET-2026-000003']);
    const byB = outbox.reads.filter((r) => r.reader === 'b');
    // b read nothing while it followed, and resumed from a's cursor rather than the head.
    expect(byB.length).toBeGreaterThan(0);
    expect(byB.some((r) => r.after === null)).toBe(false);
    expect(byB[0]?.after).toBe('2');
  });

  it('a leader cut off from the lease stops ingesting; another takes over once the lease expires, and its late saves are refused', async () => {
    const { ceet, rnec, start, stored } = await setUp();
    ceet.versions.push(fact('ceet', 1, 'SUBMITTED', t0));
    rnec.versions.push(fact('rnec', 1, 'SUBMITTED', t0));
    let cut = false;
    const a = await start('a', (lease) => ({
      ...lease,
      acquireOrRenew: () => (cut ? Promise.reject(new Error('network partition')) : lease.acquireOrRenew()),
      release: () => (cut ? Promise.reject(new Error('network partition')) : lease.release()),
    }));
    const b = await start('b');
    const most = watchLeaders(a, b);
    await expect.poll(() => b.model.size, { timeout: 10_000 }).toBe(2);
    expect(leaders(a, b)).toEqual(['a']);
    cut = true;
    await expect.poll(() => leaders(a, b), { timeout: 10_000 }).toEqual(['b']);
    // a still holds the store: a save of its own is refused now that b holds the lease.
    await expect(a.store.save('ceet', [fact('ceet', 9, 'SUBMITTED', t0)], t0 + 99_000)).rejects.toThrow(/no longer holds the leader/);
    ceet.versions.push(fact('ceet', 2, 'SUBMITTED', t0 + 20_000));
    await expect.poll(stored, { timeout: 10_000 }).toEqual(['CEET-2026-000002:SUBMITTED', 'CEET-2026-000001:SUBMITTED', 'RNEC-2026-000001:SUBMITTED'].sort());
    // a, no longer leading, follows: the same figures as b.
    await expect.poll(() => a.model.size, { timeout: 10_000 }).toBe(3);
    expect(figures(a.model)).toEqual(figures(b.model));
    expect(most()).toBe(1);
  });

  it('PostgreSQL fast shutdown and restart: the replicas recover by themselves, one leads, both fresh', async () => {
    const { ceet, rnec, start, stored } = await setUp();
    ceet.versions.push(fact('ceet', 1, 'SUBMITTED', t0));
    rnec.versions.push(fact('rnec', 1, 'SUBMITTED', t0));
    const a = await start('a');
    const b = await start('b');
    const most = watchLeaders(a, b);
    await expect.poll(() => b.model.size, { timeout: 10_000 }).toBe(2);
    await server.stop('fast');
    try {
      ceet.versions.push(fact('ceet', 2, 'SUBMITTED', t0 + 5_000));
      await expect.poll(() => a.store.health.status().up && b.store.health.status().up, { timeout: 10_000 }).toBe(false);
    } finally {
      await server.start();
    }
    rnec.versions.push(fact('rnec', 1, 'COMPLETED', t0 + 6_000));
    await expect.poll(stored, { timeout: 20_000 }).toEqual(['CEET-2026-000001:SUBMITTED', 'CEET-2026-000002:SUBMITTED', 'RNEC-2026-000001:COMPLETED']);
    await expect.poll(() => [a.model.size, b.model.size], { timeout: 20_000 }).toEqual([3, 3]);
    await expect.poll(() => JSON.stringify(figures(a.model)) === JSON.stringify(figures(b.model)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => leaders(a, b).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => a.store.health.status().up && b.store.health.status().up, { timeout: 10_000 }).toBe(true);
    // Each feed was read from the start once, before the outage, never again.
    expect(ceet.calls.filter((c) => c.since === INITIAL_SINCE)).toHaveLength(1);
    expect(rnec.calls.filter((c) => c.since === INITIAL_SINCE)).toHaveLength(1);
    expect(most()).toBe(1);
  });

  it('a replica that does not lead shows a system unavailable once the leader has not saved its feed for a while', async () => {
    const { ceet, rnec, start } = await setUp();
    ceet.versions.push(fact('ceet', 1, 'SUBMITTED', t0));
    rnec.versions.push(fact('rnec', 1, 'SUBMITTED', t0));
    const a = await start('a');
    const b = await start('b');
    await expect.poll(() => b.replica.status().unavailable, { timeout: 10_000 }).toEqual([]);
    ceet.setDown(true);
    await expect.poll(() => a.replica.status().unavailable, { timeout: 10_000 }).toEqual(['ceet']);
    await expect.poll(() => b.replica.status().unavailable, { timeout: 10_000 }).toEqual(['ceet']);
    expect(b.replica.status().feeds.find((f) => f.system === 'ceet')).toMatchObject({ loaded: true, lastFailure: { code: 'BACKEND_UNAVAILABLE' } });
    ceet.setDown(false);
    await expect.poll(() => b.replica.status().unavailable, { timeout: 10_000 }).toEqual([]);
  });
});
