import { totalErrors, type BenchFigures } from './bench-figures.js';
import type { AnswerComparison } from './compare-answers.js';
import { table } from './markdown-cells.js';

/** Scenarios a Federation 2 runtime must run on Guichet's supergraph (issue 16, target 4). */
const portableScenarios = ['status', 'dashboard'] as const;

/** Per peer of Guichet's supergraph: errors in every measured run of those scenarios plus answer mismatches. */
function portabilityVerdicts(figures: BenchFigures, answers: readonly AnswerComparison[]): string[] {
  const peers = [...new Set(answers.filter((a) => a.target !== a.reference && (portableScenarios as readonly string[]).includes(a.scenario)).map((a) => a.target))];
  return peers.map((peer) => {
    const runs = figures.scenarios.filter((s) => (portableScenarios as readonly string[]).includes(s.scenario)).flatMap((s) => s.targets.filter((t) => t.target === peer));
    const errors = runs.reduce((n, t) => n + totalErrors(t), 0);
    const responses = runs.reduce((n, t) => n + t.responses, 0);
    const compared = answers.filter((a) => a.target === peer && (portableScenarios as readonly string[]).includes(a.scenario));
    const mismatches = compared.reduce((n, a) => n + a.mismatches, 0);
    const checked = compared.reduce((n, a) => n + a.compared, 0);
    const met = errors === 0 && responses > 0 && mismatches === 0 && checked > 0;
    return `- ${peer} runs \`status\` and \`dashboard\` with 0 errors and the same answers: ${met ? 'met' : '**missed**'} — ${errors} errors in ${responses} responses under load, ${mismatches} answers differing from Guichet's of ${checked} compared`;
  });
}

/** Per scenario and gateway: the answers compared with Guichet's, how many differ, and the first differences. */
export function answersTable(answers: readonly AnswerComparison[]): string {
  const rows = answers.map((a) => [
    a.scenario,
    a.target === a.reference ? `${a.target} (reference)` : a.target,
    String(a.compared),
    a.target === a.reference ? '—' : a.mismatches === 0 ? '0' : `**${a.mismatches}**`,
    a.target === a.reference ? '—' : String(a.keyOrderDiffers),
    String(a.withErrors),
    a.samples.join('; ') || '—',
  ]);
  return table(['scenario', 'target', 'answers compared', 'differing from Guichet', 'key order differs', 'with errors', 'first differences'], rows);
}

/** The answer comparison section, with the portability verdict of every peer. */
export function formatAnswers(figures: BenchFigures, answers: readonly AnswerComparison[]): string {
  return [
    '## Same answers (issue 16, target 4)',
    '',
    "Before the measured runs, each gateway is sent the same requests of each scenario (the same bodies and callers' tokens, the same world, one request to every gateway before the next) and its answers are compared with Guichet's: `data` value for value (arrays in order), and of `errors` only their paths. Not compared: `extensions` (each gateway's own metadata) and error messages (each gateway's own wording); object key order is counted apart (equal values, other order).",
    '',
    answersTable(answers),
    '',
    ...portabilityVerdicts(figures, answers),
  ].join('\n');
}
