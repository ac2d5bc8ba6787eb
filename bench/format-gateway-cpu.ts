import type { GatewayCpuFigures, GatewayCpuRow, GatewayCpuScenario } from './measure-gateway-cpu.js';
import { answersTable } from './format-answers.js';
import { table } from './markdown-cells.js';

/** Issue 16, target 5: Guichet's gateway CPU per request at most this share of the stock gateway's. */
export const gatewayCpuGoalRatio = 0.5;

const cpuCell = (row: GatewayCpuRow) =>
  row.cpuMsPerRequestByRound.length > 1 ? `${row.cpuMsPerRequest.toFixed(2)} (${row.cpuMsPerRequestByRound.map((v) => v.toFixed(2)).join(' / ')})` : row.cpuMsPerRequest.toFixed(2);

/** Guichet's CPU per request against the stock gateway's, with the verdict and its margin (printed, never asserted). */
export function gatewayCpuVerdict(rows: readonly GatewayCpuRow[], scenario: GatewayCpuScenario): string {
  const goal = `${scenario}: Guichet's gateway CPU per request ≤ ${gatewayCpuGoalRatio}× the stock gateway's`;
  const guichet = rows.find((r) => r.scenario === scenario && r.target === 'guichet');
  const apollo = rows.find((r) => r.scenario === scenario && r.target === 'apollo');
  if (!guichet || !apollo || guichet.responses === 0 || apollo.responses === 0) return `- ${goal}: **not measured** (no run of ${scenario} on guichet and apollo)`;
  const failing = [guichet, apollo].find((r) => r.errors > r.responses * 0.01);
  if (failing) return `- ${goal}: **not measured** (${failing.target} answered ${failing.errors} errors in ${failing.responses} responses)`;
  const ratio = guichet.cpuMsPerRequest / apollo.cpuMsPerRequest;
  const met = ratio <= gatewayCpuGoalRatio;
  const margin = (Math.abs(ratio - gatewayCpuGoalRatio) / gatewayCpuGoalRatio) * 100;
  return `- ${goal}: ${met ? 'met' : '**missed**'} — ${guichet.cpuMsPerRequest.toFixed(2)} ms against ${apollo.cpuMsPerRequest.toFixed(2)} ms, ${ratio.toFixed(2)}× (goal ≤ ${gatewayCpuGoalRatio}×: ${met ? 'met' : 'missed'} by ${margin.toFixed(0)}%)`;
}

/**
 * Where a request's CPU goes on the stack's scenarios: every process it went through, per response, under Guichet's
 * gateway and under the stock one (the same subgraphs and simulators behind both), with the total.
 */
export function processCpuTable(rows: readonly GatewayCpuRow[], scenario: GatewayCpuScenario): string | undefined {
  const guichet = rows.find((r) => r.scenario === scenario && r.target === 'guichet')?.cpuMsPerRequestByProcess;
  const apollo = rows.find((r) => r.scenario === scenario && r.target === 'apollo')?.cpuMsPerRequestByProcess;
  if (!guichet && !apollo) return undefined;
  const names = [...new Set([...Object.keys(guichet ?? {}), ...Object.keys(apollo ?? {})])];
  // The gateway first, then the processes that worked most under Guichet's gateway.
  names.sort((a, b) => (a === 'gateway' ? -1 : b === 'gateway' ? 1 : (guichet?.[b] ?? 0) - (guichet?.[a] ?? 0)));
  const cell = (figures: Readonly<Record<string, number>> | undefined, name: string) => (figures?.[name] === undefined ? '—' : figures[name].toFixed(2));
  const total = (figures: Readonly<Record<string, number>> | undefined) =>
    figures
      ? Object.values(figures)
          .reduce((a, b) => a + b, 0)
          .toFixed(2)
      : '—';
  return table(
    ['process', 'under Guichet, CPU ms/request', 'under stock, CPU ms/request'],
    [...names.map((name) => [name, cell(guichet, name), cell(apollo, name)]), ['**all**', total(guichet), total(apollo)]],
  );
}

/** The section: CPU per request per gateway and scenario, the verdicts, the nested answers compared. */
export function formatGatewayCpu(cpu: GatewayCpuFigures): string {
  const rows = cpu.rows.map((r) => {
    const apollo = cpu.rows.find((a) => a.scenario === r.scenario && a.target === 'apollo');
    const ratio = r.target === 'guichet' && apollo && apollo.cpuMsPerRequest > 0 ? `${(r.cpuMsPerRequest / apollo.cpuMsPerRequest).toFixed(2)}×` : '—';
    return [r.scenario, r.target, cpuCell(r), r.requestsPerSecond.toFixed(0), r.errors === 0 ? '0' : `**${r.errors}**`, String(r.responses), ratio];
  });
  return [
    '## Gateway CPU per request (issue 16, target 5)',
    '',
    `Throughput mode, each gateway alone in turn, ${cpu.rounds} round(s) of ${cpu.durationS} s at ${cpu.connections} connections after a warm-up; CPU (user + system) of the gateway's process tree from /proc over the run, divided by the responses. \`status\` and \`dashboard\`: the stack's gateways, as in the tables above. \`nested\`: four bench-only subgraphs of the public federation gateway benchmark's shape (accounts, inventory, products, reviews; \`bench/nested-subgraphs.ts\`), one query five entity levels deep with a \`@requires\` and a \`@provides\` (${cpu.nestedAnswerBytes === undefined ? 'size not measured' : `${(cpu.nestedAnswerBytes / 1000).toFixed(1)} KB per answer`}), every request the same, anonymous; every gateway runs the same composed supergraph file (Guichet's with \`SUPERGRAPH_PATH\` and the query in a manifest of its own, production settings otherwise).`,
    '',
    table(['scenario', 'target', 'CPU ms/request (by round)', 'req/s', 'errors', 'responses', 'Guichet/stock CPU'], rows),
    '',
    gatewayCpuVerdict(cpu.rows, 'status'),
    gatewayCpuVerdict(cpu.rows, 'nested'),
    '',
    ...(['status', 'dashboard'] as const).flatMap((scenario) => {
      const perProcess = processCpuTable(cpu.rows, scenario);
      return perProcess
        ? [
            `Every process's CPU per \`${scenario}\` request over the same runs${scenario === 'dashboard' ? " (issue 16, target 2: Guichet's own CPU per dashboard, per process)" : ''}: the gateway measured, each subgraph, the witness and the IdP, the legacy simulators together; only that gateway's load ran meanwhile (the supervision subgraph's feed reads run under both).`,
            '',
            perProcess,
            '',
          ]
        : [];
    }),
    ...(cpu.profiles ?? []).flatMap(({ scenario, summary }) => [
      `Profile of Guichet's gateway on \`${scenario}\` (\`node --cpu-prof\`, ${scenario === 'nested' ? "the counted gateway, from its warm-up's first request to the end of the rounds" : "a fresh gateway of its own after its warm-up, as long as the counted rounds (the figures above are the warm stack gateway's, unprofiled)"}; ${(summary.busyMs / 1000).toFixed(1)} s busy of ${(summary.totalMs / 1000).toFixed(1)} s sampled), self time by module and the top functions, in % of the busy time:`,
      '',
      table(
        ['module', 'self ms', '%'],
        summary.byModule.map((e) => [e.name, e.selfMs.toFixed(0), e.percent.toFixed(1)]),
      ),
      '',
      table(
        ['function [module]', 'self ms', '%'],
        summary.byFunction.map((e) => [e.name.replaceAll('|', '\\|'), e.selfMs.toFixed(0), e.percent.toFixed(1)]),
      ),
      '',
    ]),
    ...(cpu.nestedAnswers.length > 0 ? ["The nested answers, compared with Guichet's as in “Same answers”:", '', answersTable(cpu.nestedAnswers)] : []),
  ].join('\n');
}
