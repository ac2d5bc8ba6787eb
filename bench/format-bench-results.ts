import { callsPerOperation, servesScenario, type BenchFigures, type ScenarioFigures, type TargetFigures } from './bench-figures.js';
import type { BenchMode } from './bench-options.js';
import { checkTargets } from './check-targets.js';
import { formatAnswers } from './format-answers.js';
import { formatGatewayCpu } from './format-gateway-cpu.js';
import { formatRoomCost } from './format-room-cost.js';
import { formatScaled } from './format-scaled.js';
import { formatWireBytes } from './measure-wire-bytes.js';
import { formatOverload } from './measure-overload.js';
import { formatDeferFigures } from './measure-defer.js';
import { formatPush } from './format-push.js';
import { formatStatusPolls } from './format-status-polls.js';
import { formatReloadMemory } from './measure-reload-memory.js';
import { errorsCell, mb, ms, rateCell, table } from './markdown-cells.js';
import { legacySystems } from './legacy-calls.js';
import { methodNotes } from './method-notes.js';
import { formatDashboardRound } from './format-dashboard-round.js';

function rssCell(row: TargetFigures): string {
  if (!row.rss) return 'n/a';
  const per = row.rss.peakPerProcessMb;
  return per.length > 1 ? `${mb(row.rss.peakTotalMb)} (${per.map(mb).join(' + ')})` : mb(row.rss.peakTotalMb);
}

function callsCell(row: TargetFigures): string {
  const per = callsPerOperation(row);
  const cells = legacySystems.filter((s) => per[s] > 0).map((s) => `${s} ${per[s].toFixed(2)}`);
  return cells.length > 0 ? cells.join(', ') : '0';
}

/** The share of Guichet's answers served whole by its private response cache ('—' for the other targets). */
function servedWholeCell(row: TargetFigures): string {
  if (row.servedWhole === undefined || row.sent === 0) return '—';
  return `${((100 * row.servedWhole) / row.sent).toFixed(0)} %`;
}

function ratioCell(guichet: TargetFigures | undefined, row: TargetFigures): string {
  if (!guichet || row.target === 'guichet' || row.requestsPerSecond === 0) return '—';
  if (!servesScenario(row) || !servesScenario(guichet)) return 'n/a (errors)';
  return `${(guichet.requestsPerSecond / row.requestsPerSecond).toFixed(2)}×`;
}

function scenarioTable(figures: ScenarioFigures): string {
  const guichet = figures.targets.find((t) => t.target === 'guichet');
  const rows = figures.targets.map((t) => [
    t.target,
    rateCell(t),
    ms(t.p50Ms),
    ms(t.p95Ms),
    ms(t.p99Ms),
    errorsCell(t),
    rssCell(t),
    callsCell(t),
    servedWholeCell(t),
    ratioCell(guichet, t),
    String(t.responses),
  ]);
  return table(['target', 'req/s (by round)', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak RSS MB (total (per process))', 'legacy calls/op', 'served whole', 'Guichet/target', 'requests'], rows);
}

/** Per legacy operation, for the rows that called any: what "legacy calls/op" is made of. */
function callDetails(figures: readonly ScenarioFigures[]): string {
  const lines: string[] = [];
  for (const s of figures) {
    for (const t of s.targets) {
      if (t.sent === 0) continue;
      const ops = legacySystems.flatMap((system) => Object.entries(t.legacyCalls[system]).map(([op, n]) => `${system} \`${op}\` ${(n / t.sent).toFixed(2)}`));
      if (ops.length > 0) lines.push(`- ${s.mode} ${s.scenario}, ${t.target}: ${ops.join(', ')}`);
    }
  }
  return lines.join('\n');
}

const modeTitles: Record<BenchMode, string> = {
  throughput: 'Throughput mode (legacy latency 0)',
  latency: 'Latency mode (realistic legacy latency)',
};

/** The whole report, in Markdown: printed by `npm run bench` and written to bench/results.md. */
export function formatBenchResults(figures: BenchFigures): string {
  const out: string[] = ['# Guichet benchmark', '', `Run from ${figures.startedAt} to ${figures.finishedAt}.`, ''];
  out.push(
    table(
      ['machine and versions', ''],
      Object.entries(figures.machine).map(([k, v]) => [k, v]),
    ),
    '',
  );
  out.push(
    table(
      ['parameters', ''],
      Object.entries(figures.parameters).map(([k, v]) => [k, v]),
    ),
    '',
  );
  if (Object.keys(figures.realisticLatency).length > 0)
    out.push(
      `Realistic legacy latency (median/p95, log-normal): ${Object.entries(figures.realisticLatency)
        .map(([s, l]) => `${s} ${l} ms`)
        .join(', ')}.`,
      '',
    );
  if (figures.peersInstallS !== undefined) out.push(`The peers were installed by this run (npm ci --prefix bench/peers) in ${figures.peersInstallS.toFixed(0)} s.`, '');

  const issueList = [
    ...(figures.scenarios.length > 0 || (!figures.push && !figures.statusPolls) ? ['issue 5'] : []),
    ...(figures.push ? ['issue 15'] : []),
    // Issue 16's targets 4 and 5 have sections of their own below (same answers, gateway CPU).
    ...(figures.scenarios.length > 0 ? ['issue 16'] : figures.statusPolls ? ['issue 16 (target 3)'] : []),
  ];
  const issues = issueList.length > 1 ? `${issueList.slice(0, -1).join(', ')} and ${issueList.at(-1)}` : (issueList[0] ?? 'issue 5');
  out.push(`## Targets of ${issues} (printed, never asserted)`, '');
  out.push(
    table(
      ['goal', 'verdict', 'measured'],
      checkTargets(figures).map((c) => [c.goal, c.verdict === 'met' ? 'met' : `**${c.verdict}**`, c.detail]),
    ),
    '',
  );

  for (const mode of ['throughput', 'latency'] as const) {
    const ofMode = figures.scenarios.filter((s) => s.mode === mode);
    if (ofMode.length === 0) continue;
    out.push(`## ${modeTitles[mode]}`, '');
    for (const s of ofMode) out.push(`### ${s.scenario}`, '', scenarioTable(s), '');
  }

  if (figures.scaling.length > 0) {
    out.push("## Scaling: req/s as Guichet's WORKERS grows (throughput mode)", '');
    out.push(
      table(
        ['scenario', 'workers', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB (total (per process))', 'max MB per process'],
        figures.scaling.map((p) => [
          p.scenario,
          String(p.workers),
          p.figures.requestsPerSecond.toFixed(0),
          ms(p.figures.p50Ms),
          ms(p.figures.p99Ms),
          errorsCell(p.figures),
          rssCell(p.figures),
          p.figures.rss ? mb(Math.max(...p.figures.rss.peakPerProcessMb)) : 'n/a',
        ]),
      ),
      '',
    );
  }
  if (figures.dossierCounts.length > 0) {
    out.push("## Latency as a citizen's dossier count grows (CitizenDashboard, legacy latency 0)", '');
    out.push(
      table(
        ['dossiers', 'citizens', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'legacy calls/op', 'peak RSS MB'],
        figures.dossierCounts.map((p) => [
          String(p.dossiers),
          String(p.citizens),
          p.figures.requestsPerSecond.toFixed(0),
          ms(p.figures.p50Ms),
          ms(p.figures.p95Ms),
          ms(p.figures.p99Ms),
          errorsCell(p.figures),
          callsCell(p.figures),
          rssCell(p.figures),
        ]),
      ),
      '',
    );
  }
  if (figures.dashboardRound) out.push(formatDashboardRound(figures.dashboardRound, figures.identityWarmup), '');
  if (figures.answers && figures.answers.length > 0) out.push(formatAnswers(figures, figures.answers), '');
  if (figures.gatewayCpu) out.push(formatGatewayCpu(figures.gatewayCpu), '');
  if (figures.roomCost) out.push(formatRoomCost(figures.roomCost), '');
  if (figures.wireBytes) out.push(formatWireBytes(figures.wireBytes), '');
  if (figures.overload) out.push(formatOverload(figures.overload), '');
  for (const defer of figures.defer ?? []) out.push(formatDeferFigures(defer), '');
  if (figures.reloadMemory) out.push(formatReloadMemory(figures.reloadMemory), '');
  if (figures.statusPolls) out.push(formatStatusPolls(figures.statusPolls), '');
  if (figures.push) out.push(formatPush(figures.push), '');
  if (figures.scaled) out.push(formatScaled(figures.scaled), '');
  for (const reason of figures.skipped) out.push(`Skipped: ${reason}`, '');

  const details = callDetails(figures.scenarios);
  if (details !== '') out.push('## Legacy calls per operation, by legacy operation', '', details, '');
  const samples = figures.scenarios.flatMap((s) =>
    s.targets
      .filter((t) => t.errorSamples.length > 0)
      .map((t) => `- ${s.mode} ${s.scenario}, ${t.target}: ${t.errorSamples.map((e) => `\`${e.replaceAll('`', "'").replaceAll('\n', ' ')}\``).join('; ')}`),
  );
  if (samples.length > 0) out.push('## Errors seen (first distinct ones)', '', ...samples, '');
  out.push(methodNotes);
  return `${out.join('\n').trimEnd()}\n`;
}
