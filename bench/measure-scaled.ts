import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Person } from '../legacy/world/index.js';
import type { TargetFigures } from './bench-figures.js';
import { createCredentialPool, type Caller, type CredentialPool } from './credential-pool.js';
import { noLegacyCalls, type LegacyUrls } from './legacy-calls.js';
import { combineRuns, measureRun, warmUp } from './measure-target.js';
import { createCounterReader, type CounterReader } from './read-server-counters.js';
import { runSubmissions, submitters } from './run-submissions.js';
import type { Scenario } from './scenarios.js';
import { auditRecordCost, postgresCost, redisCost, type AuditRecordCost, type CounterWindow, type PostgresCost, type PostgresCounters, type RedisCost, type RedisCounters } from './server-costs.js';
import { setLegacyMode } from './set-legacy-mode.js';
import { benchInternalTokenSecret, type BenchStack } from './start-bench-stack.js';
import { startScaledBenchStack, waitForGateways, type ScaledBenchStack } from './start-scaled-bench-stack.js';
import { stackGatewayEndpoint } from './start-targets.js';
import { cpuMeter } from './process-cpu.js';

/** A workload of the scaled figure: every read scenario of the run, and electricity connection requests. */
export type ScaledWorkload = 'status' | 'dashboard' | 'agent-list' | 'catalogue' | 'submission';

/** One row of "embedded vs scaled". */
export interface ScaledRow {
  readonly workload: ScaledWorkload;
  /** `embedded`: `npm start`'s stack (one gateway process); `scaled`: `npm run start:scaled`'s, through HAProxy. */
  readonly deployment: 'embedded' | 'scaled';
  readonly gateways: number;
  readonly figures: TargetFigures;
  /** CPU of each gateway process during the run, % of one core (how evenly the balancer spread the load). */
  readonly gatewayCpuPercent: readonly number[];
}

/** What the stores cost per request of one workload, on the scaled stack with its most gateways. */
export interface WorkloadCost {
  readonly workload: ScaledWorkload;
  readonly gateways: number;
  readonly requests: number;
  readonly postgres: PostgresCost;
  readonly redis: RedisCost;
}

export interface ScaledFigures {
  readonly rows: readonly ScaledRow[];
  readonly costs: readonly WorkloadCost[];
  /** The audit trail's share of the `status` workload, per record appended. */
  readonly auditRecord?: AuditRecordCost;
  /** Per-statement figures (pg_stat_statements loaded); else the database-wide ones only. */
  readonly statementStats: boolean;
  /** Idle window the background was measured over, s. */
  readonly idleS: number;
  readonly submissions: { readonly count: number; readonly concurrency: number; readonly drainedWithinS?: number };
  readonly startS: number;
  /** The embedded gateway's WORKERS (its row is one gateway process with that many workers). */
  readonly embeddedWorkers: number;
}

export interface ScaledBenchOptions {
  /** Gateway processes behind HAProxy, one measured set per value (ascending). */
  readonly gatewayCounts: readonly number[];
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly submissions: number;
  readonly submissionConcurrency: number;
  readonly embeddedWorkers: number;
  /** The embedded stack's credentials (its IdP): the scaled stack has an IdP of its own. */
  readonly credentials: CredentialPool;
  readonly callers: readonly Caller[];
  readonly persons: readonly Person[];
  readonly legacyUrls: LegacyUrls;
  readonly onLine: (service: string, line: string) => void;
  readonly log: (line: string) => void;
}

/** How long after a run the bench waits before reading the counters: PostgreSQL's backends report theirs within a second of going idle. */
const statsFlushMs = 1_500;

/**
 * Embedded vs scaled on the same scenarios, then what PostgreSQL and Redis cost per request. The embedded rows are
 * taken on the bench's own stack, which is then STOPPED (the caller must measure nothing on it afterwards): the
 * scaled stack runs alone on the machine. Legacy latency 0 (throughput mode) throughout.
 */
export async function measureScaled(bench: BenchStack, scenarios: readonly Scenario[], options: ScaledBenchOptions): Promise<ScaledFigures> {
  const { log } = options;
  const counts = [...new Set(options.gatewayCounts)].sort((a, b) => a - b);
  const most = counts.at(-1) ?? 1;
  const reads = scenarios;
  const filers = submitters(options.callers, options.persons);
  const rows: ScaledRow[] = [];
  const settings = (runId: string, durationS: number) => ({ connections: options.connections, durationS, offset: 0, sendInternalToken: false, runId });

  // Embedded: the stack's own gateway, one process (WORKERS=1 unless --workers said otherwise).
  await setLegacyMode(options.legacyUrls, 'throughput');
  const embedded = stackGatewayEndpoint(bench);
  for (const scenario of reads) {
    log(`scaled: ${scenario.name} on the embedded stack`);
    const endpoint = { ...embedded, requests: scenario.requests };
    await warmUp(endpoint, options.credentials, settings(`scaled-embedded-${scenario.name}-warmup`, options.warmupS));
    const meter = cpuMeter({ gateway: [embedded.pid] });
    const run = await measureRun(endpoint, options.credentials, options.legacyUrls, settings(`scaled-embedded-${scenario.name}`, options.durationS));
    rows.push({ workload: scenario.name, deployment: 'embedded', gateways: 1, figures: combineRuns('embedded', [run]), gatewayCpuPercent: cpuPercent(meter(), run.load.durationS) });
  }
  if (options.submissions > 0 && filers.length > 0) {
    log(`scaled: ${options.submissions} submissions on the embedded stack`);
    const meter = cpuMeter({ gateway: [embedded.pid] });
    const load = await runSubmissions({
      url: embedded.url,
      count: options.submissions,
      concurrency: options.submissionConcurrency,
      credentials: options.credentials,
      submitters: filers,
      runId: 'scaled-embedded-submission',
    });
    rows.push({ workload: 'submission', deployment: 'embedded', gateways: 1, figures: submissionFigures('embedded', load), gatewayCpuPercent: cpuPercent(meter(), load.durationS) });
  }
  log('scaled: stopping the embedded stack, starting the scaled one');
  await bench.stack.stop();

  const startedAt = Date.now();
  const scaled = await startScaledBenchStack(bench, { gateways: most, onLine: options.onLine, log });
  const startS = (Date.now() - startedAt) / 1000;
  let reader: CounterReader | undefined;
  try {
    const { stack } = scaled;
    log(`scaled: stack up in ${startS.toFixed(0)} s (${stack.replicasOf('gateway').length} gateways, PostgreSQL, Redis, HAProxy)`);
    await setLegacyMode(stack.legacyUrls, 'throughput');
    const credentials = await createCredentialPool({ idp: scaled.idp, internalTokenSecret: benchInternalTokenSecret, callers: options.callers });
    reader = await createCounterReader({ databaseUrl: stack.databaseUrl, redisUrl: stack.redisUrl, statementStats: scaled.statementStats });
    const counters = reader;
    const snapshot = async () => ({ postgres: await counters.postgres(), redis: await counters.redis() });
    const balancer = { url: stack.gatewayUrl, pid: pidOf(stack, 'gateway-1') };
    const costs: WorkloadCost[] = [];
    let idle: { postgres: CounterWindow<PostgresCounters>; redis: CounterWindow<RedisCounters> } | undefined;
    let auditRecord: AuditRecordCost | undefined;
    let drainedWithinS: number | undefined;
    const idleS = Math.max(2, options.durationS);

    for (const count of counts) {
      const active = await runGateways(scaled, count);
      const pids = active.map((name) => pidOf(stack, name));
      const measureCosts = count === most;
      if (measureCosts) {
        // The background with no request at all (outbox polls, the read model's feed, health checks): taken out of every workload's figures.
        log(`scaled: ${idleS} s idle, to measure the stores' background`);
        await sleep(statsFlushMs);
        const before = await snapshot();
        await sleep(idleS * 1000);
        const after = await snapshot();
        idle = { postgres: { before: before.postgres, after: after.postgres }, redis: { before: before.redis, after: after.redis } };
      }
      for (const scenario of reads) {
        log(`scaled: ${scenario.name} through HAProxy, ${count} gateway(s)`);
        const endpoint = { ...balancer, requests: scenario.requests };
        await warmUp(endpoint, credentials, settings(`scaled-${count}-${scenario.name}-warmup`, options.warmupS));
        await sleep(measureCosts ? statsFlushMs : 0);
        const before = measureCosts ? await snapshot() : undefined;
        const meter = cpuMeter(Object.fromEntries(active.map((name, i) => [name, [pids[i] as number]])));
        const run = await measureRun(endpoint, credentials, stack.legacyUrls, settings(`scaled-${count}-${scenario.name}`, options.durationS));
        const cpu = cpuPercent(meter(), run.load.durationS);
        rows.push({ workload: scenario.name, deployment: 'scaled', gateways: count, figures: combineRuns(`scaled-${count}`, [run]), gatewayCpuPercent: cpu });
        if (before && idle) {
          await sleep(statsFlushMs);
          const after = await snapshot();
          const window = { before: before.postgres, after: after.postgres };
          costs.push({
            workload: scenario.name,
            gateways: count,
            requests: run.load.responses,
            postgres: postgresCost(window, idle.postgres, run.load.responses),
            redis: redisCost({ before: before.redis, after: after.redis }, idle.redis, run.load.responses),
          });
          if (scenario.name === 'status') auditRecord = auditRecordCost(window, idle.postgres);
        }
      }
      if (options.submissions > 0 && filers.length > 0) {
        log(`scaled: ${options.submissions} submissions through HAProxy, ${count} gateway(s)`);
        const before = measureCosts ? await snapshot() : undefined;
        const meter = cpuMeter(Object.fromEntries(active.map((name, i) => [name, [pids[i] as number]])));
        const load = await runSubmissions({
          url: balancer.url,
          count: options.submissions,
          concurrency: options.submissionConcurrency,
          credentials,
          submitters: filers,
          runId: `scaled-${count}-submission`,
        });
        const cpu = cpuPercent(meter(), load.durationS);
        rows.push({ workload: 'submission', deployment: 'scaled', gateways: count, figures: submissionFigures(`scaled-${count}`, load), gatewayCpuPercent: cpu });
        if (before && idle) {
          // Delivered to the ministry too: the cost of a submission is its whole life in the outbox.
          const drained = await waitForOutbox(stack.databaseUrl, 120_000);
          drainedWithinS = drained === null ? undefined : drained / 1000;
          if (drained === null) log('scaled: the outbox still held submissions after 120 s; their delivery is partly outside the figure');
          await sleep(statsFlushMs);
          const after = await snapshot();
          const accepted = load.responses - load.non2xx - load.graphqlErrors;
          costs.push({
            workload: 'submission',
            gateways: count,
            requests: accepted,
            postgres: postgresCost({ before: before.postgres, after: after.postgres }, idle.postgres, accepted),
            redis: redisCost({ before: before.redis, after: after.redis }, idle.redis, accepted),
          });
        }
      }
    }
    return {
      rows,
      costs,
      ...(auditRecord ? { auditRecord } : {}),
      statementStats: scaled.statementStats,
      idleS,
      submissions: { count: options.submissions, concurrency: options.submissionConcurrency, ...(drainedWithinS === undefined ? {} : { drainedWithinS }) },
      startS,
      embeddedWorkers: options.embeddedWorkers,
    };
  } finally {
    await reader?.close();
    await scaled.stop();
  }
}

function pidOf(stack: ScaledBenchStack['stack'], name: string): number {
  const pid = stack.services.get(name)?.child.pid;
  if (pid === undefined) throw new Error(`${name} has no process`);
  return pid;
}

/** Exactly the first `count` gateway replicas running (the others stopped gracefully), all ready and back in HAProxy. */
async function runGateways(scaled: ScaledBenchStack, count: number): Promise<string[]> {
  const { stack } = scaled;
  const all = stack.replicasOf('gateway');
  const active = all.slice(0, count);
  for (const name of all.slice(count)) await stack.kill(name, 'SIGTERM');
  for (const name of active) {
    const child = stack.services.get(name)?.child;
    if (child && (child.exitCode !== null || child.signalCode !== null)) await stack.restart(name);
  }
  await waitForGateways(stack, active);
  return active;
}

/** CPU ms per process over a run → % of one core each. */
function cpuPercent(used: Readonly<Record<string, number>>, durationS: number): number[] {
  return Object.values(used).map((ms) => (durationS > 0 ? ms / (durationS * 10) : 0));
}

function submissionFigures(target: string, load: Awaited<ReturnType<typeof runSubmissions>>): TargetFigures {
  return combineRuns(target, [{ load, legacyCalls: noLegacyCalls, feedCalls: noLegacyCalls }]);
}

/** Waits until no submission is queued or being delivered; resolves with how long it took, or null at the timeout. */
async function waitForOutbox(databaseUrl: string, timeoutMs: number): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'guichet-bench' });
  await client.connect();
  const startedAt = Date.now();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: string }>("/* guichet-bench */ SELECT count(*)::text AS n FROM outbox_submissions WHERE state IN ('queued', 'delivering')");
      if (Number(rows[0]?.n ?? 0) === 0) return Date.now() - startedAt;
      if (Date.now() - startedAt > timeoutMs) return null;
      await sleep(250);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
