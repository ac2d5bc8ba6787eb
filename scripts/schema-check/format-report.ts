import type { AcceptedChange } from './accepted-changes.js';
import type { CompatibilityReport } from './check-compatibility.js';
import type { SchemaChange } from './schema-change.js';

/** A committed file derived from the schema that is not what its generator gives now. */
export interface StaleFile {
  readonly path: string;
  /** The command that regenerates it. */
  readonly fix: string;
  /** Why it cannot simply be regenerated, if so. */
  readonly problem?: string;
}

export interface ReportOptions {
  /** How the baseline is named in the report (`schema/supergraph.graphql`). */
  readonly baselineLabel: string;
  /** How the checked schema is named in the report. Default: what the code composes to. */
  readonly candidateLabel?: string;
  /** How the accepted-changes file is named in the report. */
  readonly acceptedLabel: string;
  /** Committed files derived from the schema that are out of date. */
  readonly staleFiles?: readonly StaleFile[];
  /** Today, YYYY-MM-DD, for the entries the report suggests. */
  readonly today: string;
}

export interface FormattedReport {
  readonly text: string;
  readonly failed: boolean;
}

const line = (change: SchemaChange) => `${change.type} ${change.path}\n      ${change.message}${change.reason ? `\n      (${change.reason})` : ''}`;
const entryLine = (entry: AcceptedChange) => `${entry.type} ${entry.path} (accepted ${entry.date}: ${entry.reason})`;

/**
 * The report a maintainer reads: each change with its path and criticality, what fails and how to fix it. Fails on a
 * breaking change no entry accepts and on any committed file out of date; dangerous changes and stale entries are
 * warnings.
 */
export function formatReport(report: CompatibilityReport, { baselineLabel, candidateLabel = 'what the code composes to', acceptedLabel, staleFiles = [], today }: ReportOptions): FormattedReport {
  const out: string[] = [`schema:check: the API schema of ${candidateLabel}, against ${baselineLabel}`];
  const section = (title: string, items: readonly string[], mark: string) => {
    if (items.length === 0) return;
    out.push('', `${title} (${items.length})`, ...items.map((item) => `  ${mark} ${item}`));
  };
  section('BREAKING, not accepted', report.refused.map(line), 'x');
  if (report.refused.length > 0) {
    const suggestions = report.refused.map((c) => `      ${JSON.stringify({ path: c.path, type: c.type, reason: 'Pourquoi les clients peuvent vivre avec ce changement…', date: today })}`);
    out.push(
      `  Clients built against ${baselineLabel} may fail. Restore compatibility (deprecate first, remove later), or accept`,
      `  each change on purpose in ${acceptedLabel} ("accepted": [...]):`,
      ...suggestions,
    );
  }
  section(
    'BREAKING, accepted',
    report.accepted.map(({ change, entry }) => `${line(change)}\n      accepted ${entry.date}: ${entry.reason}`),
    '+',
  );
  section('DANGEROUS (warning)', report.dangerous.map(line), '!');
  section(
    'NON-BREAKING',
    report.changes.filter((c) => c.level === 'NON_BREAKING').map((c) => `${c.type} ${c.path}`),
    '-',
  );
  section(
    `STALE accepted entries (warning): they match no breaking change; once ${baselineLabel} includes the change, delete the entry (git keeps the record)`,
    report.staleEntries.map(entryLine),
    '?',
  );
  const outOfDate: string[] = [];
  if (!report.upToDate) outOfDate.push(`${baselineLabel} is not what the code composes to: run \`npm run compose\` and commit it`);
  for (const file of staleFiles) outOfDate.push(`${file.path} is out of date: run \`${file.fix}\` and commit it${file.problem ? `\n      ${file.problem.replace(/\n/g, '\n      ')}` : ''}`);
  section('OUT OF DATE', outOfDate, 'x');
  if (outOfDate.length > 0) out.push('  All of them at once: `npm run schema:update` (compose, trusted documents, schema docs, client types).');
  const failures = [
    report.refused.length > 0 ? `${report.refused.length} breaking change(s) not accepted` : '',
    outOfDate.length > 0 ? `${outOfDate.length} committed file(s) out of date` : '',
  ].filter((f) => f.length > 0);
  if (report.changes.length === 0 && outOfDate.length === 0) out.push('', 'No change to the API schema.');
  out.push('', failures.length > 0 ? `schema:check FAILED: ${failures.join(', ')}` : `schema:check passed (${report.dangerous.length} warning(s))`);
  return { text: `${out.join('\n')}\n`, failed: failures.length > 0 };
}
