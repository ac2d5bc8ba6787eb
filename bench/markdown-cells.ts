import { totalErrors, type TargetFigures } from './bench-figures.js';

export const table = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${header.join(' | ')} |`, `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const mb = (value: number) => value.toFixed(0);

export function errorsCell(row: TargetFigures): string {
  const total = totalErrors(row);
  if (total === 0) return '0';
  // Guichet's 503s say which admission rule refused them.
  const refused = Object.entries(row.refusedAtDoor ?? {}).filter(([, n]) => n > 0);
  const byRule = refused.length > 0 ? `: 503 ${refused.map(([rule, n]) => `${rule} ${n}`).join(', ')}` : '';
  const parts = [
    row.errors.non2xx > 0 ? `${row.errors.non2xx} non-2xx${byRule}` : '',
    row.errors.graphql > 0 ? `${row.errors.graphql} GraphQL` : '',
    row.errors.transport > 0 ? `${row.errors.transport} no answer` : '',
  ].filter((p) => p !== '');
  return `**${total}** (${parts.join(', ')})`;
}

/** Overall req/s, and each round's when there were several (a wide spread says the machine was busy). */
export function rateCell(row: TargetFigures): string {
  const rounds = row.requestsPerSecondByRound;
  return rounds.length > 1 ? `${row.requestsPerSecond.toFixed(0)} (${rounds.map((r) => r.toFixed(0)).join(' / ')})` : row.requestsPerSecond.toFixed(0);
}
