import { legacySystems } from './legacy-calls.js';
import { errorsCell, ms, table } from './markdown-cells.js';
import { dashboardFloorGoal, type DashboardRoundFigures } from './measure-dashboard-round.js';
import type { IdentityWarmup } from './warm-identity-cache.js';

/** The dashboard at one connection beside its one-round floor, and its legacy calls per dashboard per operation. */
export function formatDashboardRound(round: DashboardRoundFigures, warmup?: IdentityWarmup): string {
  const { figures, floor } = round;
  const ratio = figures.p50Ms / floor.p50Ms;
  const verdict = ratio <= dashboardFloorGoal ? 'met' : '**missed**';
  const margin = (Math.abs(ratio - dashboardFloorGoal) / dashboardFloorGoal) * 100;
  const callsText = (calls: Readonly<Partial<Record<string, Readonly<Record<string, number>>>>>) =>
    legacySystems
      .map(
        (s) =>
          `${s} ${
            Object.entries(calls[s] ?? {})
              .filter(([, n]) => n > 0)
              .map(([op, n]) => `\`${op}\` ${n.toFixed(2)}`)
              .join(', ') || 'none'
          }`,
      )
      .join('; ');
  const out = [
    '## Dashboard at one connection against the one-round floor (realistic latency, issue 16 target 1)',
    '',
    table(
      ['dashboards', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'floor p50 ms', 'floor p90 ms', 'p50 / floor p50', `goal ≤ ${dashboardFloorGoal}×`, 'own p50 ms (legacy latency 0)'],
      [
        [
          String(figures.responses),
          ms(figures.p50Ms),
          ms(round.p90Ms),
          ms(figures.p99Ms),
          errorsCell(figures),
          ms(floor.p50Ms),
          ms(floor.p90Ms),
          `${ratio.toFixed(2)}×`,
          `${verdict} by ${margin.toFixed(0)}%`,
          `${ms(round.ownCost.p50Ms)} (${round.ownCost.responses} dashboards)`,
        ],
      ],
    ),
    '',
    `The floor: ${floor.samples.toLocaleString('en')} dashboards drawn from the simulators' own latency settings (${legacySystems
      .flatMap((s) => {
        const setting = floor.latency[s];
        return setting ? [`${s} ${setting.medianMs}/${setting.p95Ms} ms`] : [];
      })
      .join(', ')}; median/p95, log-normal), each with the calls this run's dashboards made, all in one parallel round (${legacySystems
      .map((s) => `${s} ${floor.callsInRound[s] ?? 0}`)
      .join(
        ', ',
      )}): a dashboard lasts as long as its slowest call, Guichet costing nothing. The last column is Guichet's own critical path measured the same way with the legacy latency at zero (CPU and hops only): on a busy machine it is what separates the figure from the floor.`,
    '',
    `Legacy calls per dashboard, by operation: ${callsText(round.callsPerDashboard)}.`,
    ...(warmup
      ? [
          '',
          `A first visit (civil-registry's identity cache cold: the pass that warmed it, ${warmup.dashboards} dashboards once each through Guichet before any figure, ${warmup.withErrors} with errors): ${callsText(warmup.coldCallsPerDashboard)}. Every figure of this report is a returning citizen's, the cache warm for every target alike.`,
        ]
      : []),
  ];
  return out.join('\n');
}
