import { callsPerOperation, servesScenario, totalErrors, type BenchFigures, type TargetFigures } from './bench-figures.js';
import type { BenchMode, ScenarioName } from './bench-options.js';
import { legacySystems } from './legacy-calls.js';
import { reloadHeapGrowthGoalMb } from './measure-reload-memory.js';
import { dashboardFloorGoal, type DashboardRoundFigures } from './measure-dashboard-round.js';
import type { PushFigures } from './measure-push.js';
import { checkStatusPollTargets } from './format-status-polls.js';

/** One target of the issue, checked against a run: printed, never asserted. */
export interface TargetCheck {
  readonly goal: string;
  readonly verdict: 'met' | 'missed' | 'not measured';
  /** What was measured, and by how much the goal is met or missed. */
  readonly detail: string;
}

const rowOf = (figures: BenchFigures, scenario: ScenarioName, target: string, mode: BenchMode = 'throughput'): TargetFigures | undefined =>
  figures.scenarios.find((s) => s.scenario === scenario && s.mode === mode)?.targets.find((t) => t.target === target);

/** `value` against a goal of at least (`atLeast`) or at most `goal`, with the margin in percent of the goal. */
function compare(value: number, goal: number, atLeast: boolean, unit: string, digits = 2): Pick<TargetCheck, 'verdict' | 'detail'> {
  const met = atLeast ? value >= goal : value <= goal;
  const marginPercent = goal === 0 ? 0 : (Math.abs(value - goal) / goal) * 100;
  return { verdict: met ? 'met' : 'missed', detail: `${value.toFixed(digits)}${unit} (goal ${atLeast ? '≥' : '≤'} ${goal}${unit}: ${met ? 'met' : 'missed'} by ${marginPercent.toFixed(0)}%)` };
}

const notMeasured = (goal: string, why: string): TargetCheck => ({ goal, verdict: 'not measured', detail: why });

function ratioCheck(figures: BenchFigures, goal: string, scenario: ScenarioName, peer: string, minRatio: number, mode: BenchMode = 'throughput'): TargetCheck {
  const guichet = rowOf(figures, scenario, 'guichet', mode);
  const other = rowOf(figures, scenario, peer, mode);
  if (!guichet || !other || other.requestsPerSecond === 0) return notMeasured(goal, `no ${mode} run of ${scenario} on guichet and ${peer}`);
  for (const row of [guichet, other]) {
    if (!servesScenario(row)) return notMeasured(goal, `${row.target} answered ${totalErrors(row)} errors in ${row.responses} responses (${row.errorSamples[0] ?? ''})`);
  }
  return { goal, ...compare(guichet.requestsPerSecond / other.requestsPerSecond, minRatio, true, '×') };
}

/** The issues' targets against one run's figures: issue 5's when scenarios ran, issue 15's when the push section did. */
export function checkTargets(figures: BenchFigures): TargetCheck[] {
  const statusPollsOnly = figures.scenarios.length === 0 && figures.statusPolls !== undefined && !figures.push;
  return [
    ...((figures.scenarios.length > 0 || !figures.push) && !statusPollsOnly ? checkIssue5Targets(figures) : []),
    ...(figures.push ? checkPushTargets(figures.push) : []),
    ...(figures.statusPolls ? checkStatusPollTargets(figures.statusPolls) : []),
  ];
}

/** Issue 15: every event delivered once, and 10,000 streams held by one gateway process. */
export function checkPushTargets(push: PushFigures): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const deliveryGoal = 'push: every status change reaches its app, once (missed and duplicated events 0, no stream failed)';
  if (push.latency.length === 0) checks.push(notMeasured(deliveryGoal, 'no latency figure (--push-polls none)'));
  else {
    const bad = push.latency.filter((l) => l.missed + l.duplicated + l.streamFailures > 0 || l.completed === 0);
    const detail = push.latency
      .map((l) => `poll ${l.pollMs} ms: ${l.completed}/${l.changes} changes complete, ${l.missed} missed, ${l.duplicated} duplicated, ${l.streamFailures} failed streams`)
      .join('; ');
    checks.push({ goal: deliveryGoal, verdict: bad.length > 0 ? 'missed' : 'met', detail });
  }
  const streamsGoal = '10,000 open SSE streams on one gateway process';
  const streams = push.streams;
  if (!streams) checks.push(notMeasured(streamsGoal, 'no streams figure (--push-streams none)'));
  else {
    const reached = Math.max(0, ...streams.levels.map((l) => l.open));
    checks.push({
      goal: streamsGoal,
      verdict: reached >= 10_000 ? 'met' : streams.levels.some((l) => l.streams >= 10_000) || streams.stoppedBecause ? 'missed' : 'not measured',
      detail: `${reached} reached${streams.stoppedBecause ? ` (${streams.stoppedBecause})` : ''}`,
    });
  }
  return checks;
}

function checkIssue5Targets(figures: BenchFigures): TargetCheck[] {
  const checks: TargetCheck[] = [
    ratioCheck(figures, 'dashboard ≥ 1.5× stock @apollo/gateway req/s at equal workers', 'dashboard', 'apollo', 1.5),
    ratioCheck(figures, 'dashboard ≥ 1.2× Hive Gateway req/s at equal workers', 'dashboard', 'hive', 1.2),
    // Issue 16, target 2: in both modes.
    ratioCheck(figures, 'dashboard ≥ 2× stock @apollo/gateway req/s, throughput mode (issue 16)', 'dashboard', 'apollo', 2),
    ratioCheck(figures, 'dashboard ≥ 2× stock @apollo/gateway req/s, realistic legacy latency (issue 16)', 'dashboard', 'apollo', 2, 'latency'),
    ratioCheck(figures, 'status ≥ 0.8× subgraph-direct req/s', 'status', 'direct', 0.8),
  ];
  const overheadGoal = `status p99 gateway overhead ≤ 5 ms at ${figures.parameters.connections ?? '?'} connections (issue: 50)`;
  const guichetStatus = rowOf(figures, 'status', 'guichet');
  const directStatus = rowOf(figures, 'status', 'direct');
  const failing = [guichetStatus, directStatus].find((row) => row !== undefined && !servesScenario(row));
  if (!guichetStatus || !directStatus) checks.push(notMeasured(overheadGoal, 'no throughput run of status on guichet and direct'));
  else if (failing) checks.push(notMeasured(overheadGoal, `${failing.target} answered ${totalErrors(failing)} errors`));
  else checks.push({ goal: overheadGoal, ...compare(guichetStatus.p99Ms - directStatus.p99Ms, 5, false, ' ms', 1) });

  const agentGoal = 'agent-list: at most one legacy batch call per batch-size keys per system';
  const agent = figures.scenarios.filter((s) => s.scenario === 'agent-list' && s.legacyCallBound);
  const agentRows = agent.flatMap((s) => s.targets.filter((t) => t.target === 'guichet' && t.responses > 0).map((t) => ({ row: t, bound: s.legacyCallBound ?? {} })));
  if (agentRows.length === 0) checks.push(notMeasured(agentGoal, 'no run of agent-list on guichet'));
  else {
    const worst = legacySystems.map((system) => {
      const perOp = Math.max(...agentRows.map(({ row }) => callsPerOperation(row)[system]));
      const bound = agentRows[0]?.bound[system];
      // 1% over the bound is the edge of a timed run (a request cut off after its legacy call), not a second call.
      return { system, perOp, bound, over: bound !== undefined && perOp > bound * 1.01 + 0.005 };
    });
    const text = worst.map((w) => `${w.system} ${w.perOp.toFixed(2)}/op (≤ ${w.bound ?? '—'})`).join(', ');
    checks.push({ goal: agentGoal, verdict: worst.some((w) => w.over) ? 'missed' : 'met', detail: text });
  }

  const memoryGoal = '≤ 200 MB RSS per Guichet worker under load';
  const guichetRows = [...figures.scenarios.flatMap((s) => s.targets.filter((t) => t.target === 'guichet')), ...figures.scaling.map((p) => p.figures), ...figures.dossierCounts.map((p) => p.figures)];
  const perProcess = guichetRows.flatMap((row) => row.rss?.peakPerProcessMb ?? []);
  checks.push(perProcess.length > 0 ? { goal: memoryGoal, ...compare(Math.max(...perProcess), 200, false, ' MB', 0) } : notMeasured(memoryGoal, 'no memory sample (not Linux?)'));

  const statusGoal = '≥ 1,000 req/s of status with p99 < 50 ms (this machine)';
  if (!guichetStatus) checks.push(notMeasured(statusGoal, 'no throughput run of status on guichet'));
  else if (!servesScenario(guichetStatus))
    checks.push({ goal: statusGoal, verdict: 'missed', detail: `guichet answered ${totalErrors(guichetStatus)} errors in ${guichetStatus.responses} responses` });
  else {
    const rate = compare(guichetStatus.requestsPerSecond, 1_000, true, ' req/s', 0);
    const tail = compare(guichetStatus.p99Ms, 50, false, ' ms', 1);
    checks.push({ goal: statusGoal, verdict: rate.verdict === 'met' && tail.verdict === 'met' ? 'met' : 'missed', detail: `${rate.detail}; p99 ${tail.detail}` });
  }

  checks.push(...checkDashboardRound(figures.dashboardRound));

  const reloadGoal = `heap growth ≤ ${reloadHeapGrowthGoalMb} MB across supergraph hot reloads, no failed request`;
  const reload = figures.reloadMemory;
  if (!reload) checks.push(notMeasured(reloadGoal, 'not measured (--reloads none)'));
  else if (reload.failures > 0 || reload.applied !== reload.reloads)
    checks.push({ goal: reloadGoal, verdict: 'missed', detail: `${reload.failures} failed requests, ${reload.applied} of ${reload.reloads} reloads applied` });
  else checks.push({ goal: reloadGoal, ...compare(reload.heapAfterMb - reload.heapBeforeMb, reloadHeapGrowthGoalMb, false, ' MB', 2) });
  return checks;
}

/** Issue 16, target 1: one legacy round on a dashboard's critical path, and one call per legacy system per dashboard. */
export function checkDashboardRound(round: DashboardRoundFigures | undefined): TargetCheck[] {
  const floorGoal = `dashboard p50 at one connection ≤ ${dashboardFloorGoal}× the one-round floor (realistic latency)`;
  const callsGoal = 'dashboard: ≤ 1 call per legacy system per dashboard (no per-dossier call)';
  if (!round) return [notMeasured(floorGoal, 'no dashboard on guichet in this run'), notMeasured(callsGoal, 'no dashboard on guichet in this run')];
  const { figures, floor } = round;
  const checks: TargetCheck[] = [];
  if (!servesScenario(figures)) checks.push({ goal: floorGoal, verdict: 'missed', detail: `guichet answered ${totalErrors(figures)} errors in ${figures.responses} responses` });
  else {
    const ratio = compare(figures.p50Ms / floor.p50Ms, dashboardFloorGoal, false, '×');
    checks.push({
      goal: floorGoal,
      verdict: ratio.verdict,
      detail: `p50 ${figures.p50Ms.toFixed(0)} ms against a floor of ${floor.p50Ms.toFixed(0)} ms: ${ratio.detail}; Guichet's own p50 at legacy latency 0 ${round.ownCost.p50Ms.toFixed(0)} ms`,
    });
  }
  const perSystem = legacySystems.map((system) => {
    const operations = Object.entries(round.callsPerDashboard[system] ?? {}).filter(([, n]) => n > 0);
    const total = operations.reduce((sum, [, n]) => sum + n, 0);
    return { system, total, operations };
  });
  // 1% over is the edge of a timed run (a request cut off after its legacy call), not a second call.
  const over = perSystem.filter((p) => p.total > 1.01 + 0.005);
  const detail = perSystem.map((p) => `${p.system} ${p.total.toFixed(2)} (${p.operations.map(([op, n]) => `${op} ${n.toFixed(2)}`).join(', ') || 'none'})`).join('; ');
  const note = over.length > 0 ? ` — over: ${over.map((p) => `${p.system} (${p.operations.length} operation(s) in the same round)`).join(', ')}` : '';
  checks.push({ goal: callsGoal, verdict: over.length > 0 ? 'missed' : 'met', detail: `${detail}${note}` });
  return checks;
}
