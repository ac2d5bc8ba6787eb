import type { LatencySummary, RoomCostFigures, RoomRunFigures } from './bench-figures.js';
import { errorsCell, ms, rateCell, table } from './markdown-cells.js';

const groups = ['gateway', 'supervision', 'other subgraphs', 'simulators'] as const;

const latency = (s: LatencySummary) => (s.count === 0 ? 'not measured' : `p50 ${ms(s.p50Ms)} ms, p95 ${ms(s.p95Ms)} ms, max ${ms(s.maxMs)} ms (${s.count} reads)`);

/** CPU ms per request served: % of a core × 10 = ms per second, over requests per second. Steadier than req/s on a busy machine. */
function msPerRequest(run: RoomRunFigures, only?: string): string {
  const rate = run.figures.requestsPerSecond;
  if (rate === 0) return '—';
  const percent = Object.entries(run.cpuPercentOfCore).reduce((sum, [group, p]) => sum + (only === undefined || group === only ? p : 0), 0);
  return ((percent * 10) / rate).toFixed(2);
}

function row(scenario: string, arm: string, run: RoomRunFigures, delta: string): string[] {
  const f = run.figures;
  return [
    scenario,
    arm,
    rateCell(f),
    delta,
    ms(f.p50Ms),
    ms(f.p95Ms),
    ms(f.p99Ms),
    errorsCell(f),
    ...groups.map((g) => (run.cpuPercentOfCore[g] ?? 0).toFixed(1)),
    msPerRequest(run, 'gateway'),
    msPerRequest(run),
  ];
}

/**
 * Legacy calls per second of the operations only the "on" arm made: paused, the read model polls nothing, so these
 * are the ingestion's reads of the change feeds (and the WSDL its SOAP client fetched on resuming, if any).
 */
function ingestionCalls(figures: RoomCostFigures): string {
  const added = new Map<string, number>();
  for (const s of figures.scenarios) {
    for (const [op, rate] of Object.entries(s.on.legacyCallsPerSecond)) {
      if ((s.off.legacyCallsPerSecond[op] ?? 0) === 0 && rate > 0) added.set(op, (added.get(op) ?? 0) + rate / figures.scenarios.length);
    }
  }
  return added.size === 0 ? 'none measured' : [...added].map(([op, rate]) => `\`${op}\` ${rate.toFixed(2)}/s`).join(', ');
}

/** The "supervision room's cost" section of the report. */
export function formatRoomCost(figures: RoomCostFigures): string {
  const out: string[] = ["## The supervision room's cost (throughput mode)", ''];
  out.push(
    `Room **off**: the supervision subgraph paused (SIGSTOP: no ingestion) and no screen open. Room **on**: ingestion running and ${figures.streams} screen(s) open on \`/supervision/events\`, each its own supervisor and filter (so each its own read of \`SupervisionRoom\` through the gateway every push interval). Both arms: ${figures.writesPerSecond} applications/s written straight into CEET (${figures.writes.written} written, ${figures.writes.failed} failed), so the change feed has something to ingest; arms alternate round after round (off on, then on off). CPU: % of one core used by each group of processes during the runs (from /proc), and CPU ms per request served — the gateway's, and all the processes' (the read model's included, spread over the requests): on a busy machine these move less than req/s.`,
    '',
  );
  const rows: string[][] = [];
  for (const s of figures.scenarios) {
    const off = s.off.figures.requestsPerSecond;
    const delta = off > 0 ? `${(((s.on.figures.requestsPerSecond - off) / off) * 100).toFixed(1)} %` : '—';
    rows.push(row(s.scenario, 'off', s.off, '—'), row(s.scenario, 'on', s.on, delta));
  }
  const idle = figures.idleCpuPercentOfCore;
  if (idle.seconds > 0) {
    const idleRow = (arm: 'off' | 'on') => ['no load', arm, '—', '—', '—', '—', '—', '—', ...groups.map((g) => (idle[arm][g] ?? 0).toFixed(1)), '—', '—'];
    rows.unshift(idleRow('off'), idleRow('on'));
  }
  out.push(table(['scenario', 'room', 'req/s (by round)', 'Δ req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', ...groups.map((g) => `${g} % core`), 'gateway CPU ms/req', 'all CPU ms/req'], rows), '');
  const fresh = [...figures.freshnessMs].sort((a, b) => a - b);
  out.push(
    `- Ingestion's legacy calls (operations only the “on” arm made): ${ingestionCalls(figures)}.`,
    `- The room's read (\`SupervisionRoom\`, no filter, through the gateway): idle ${latency(figures.roomRead.idle)}; while the scenarios ran ${latency(figures.roomRead.underLoad)}.`,
    `- From an application written into CEET to the screen's frame counting it: ${fresh.length === 0 ? 'not measured' : `${fresh.map((v) => (v / 1000).toFixed(1)).join(', ')} s`} (the feeds are polled every \`SUPERVISION_POLL_MS\`, the figures read every \`SUPERVISION_PUSH_MS\`, 2 s each by default).`,
    `- Frames pushed to the screens during the figure: ${figures.framesReceived}.`,
  );
  if (figures.initialLoads.length > 0) {
    out.push(
      `- The read model's initial load at the stack's start: ${figures.initialLoads.map((l) => `${l.system} ${l.dossiers} dossiers in ${(l.durationMs / 1000).toFixed(1)} s (${l.durationMs > 0 ? Math.round((l.dossiers * 1000) / l.durationMs) : '—'}/s)`).join(', ')}.`,
    );
  }
  return out.join('\n');
}
