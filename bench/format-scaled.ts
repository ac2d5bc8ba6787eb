import { errorsCell, ms, table } from './markdown-cells.js';
import type { ScaledFigures, ScaledRow } from './measure-scaled.js';
import type { StatementCost } from './server-costs.js';

const deploymentCell = (row: ScaledRow) => (row.deployment === 'embedded' ? 'embedded' : `scaled, ${row.gateways} gateway${row.gateways > 1 ? 's' : ''}`);

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const kb = (bytes: number) => (bytes >= 10_240 ? `${(bytes / 1024).toFixed(0)} KB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes.toFixed(0)} B`);

/** Each row's req/s against the embedded row of its workload. */
function ratioCell(rows: readonly ScaledRow[], row: ScaledRow): string {
  const embedded = rows.find((r) => r.workload === row.workload && r.deployment === 'embedded');
  if (!embedded || row === embedded || embedded.figures.requestsPerSecond === 0) return '—';
  return `${(row.figures.requestsPerSecond / embedded.figures.requestsPerSecond).toFixed(2)}×`;
}

function statementLines(statements: readonly StatementCost[], limit: number): string[] {
  return statements
    .slice(0, limit)
    .map((s) => `  - ${fixed(s.calls)} × \`${(s.query.length > 110 ? `${s.query.slice(0, 107)}…` : s.query).replaceAll('`', "'")}\` (${fixed(s.execMs, 3)} ms, ${kb(s.walBytes)} WAL)`);
}

/** "Embedded vs scaled", then PostgreSQL and Redis per request, per submission and per audit record. */
export function formatScaled(figures: ScaledFigures): string {
  const out: string[] = ['## Embedded vs scaled (throughput mode: legacy latency 0)', ''];
  out.push(
    `\`embedded\`: \`npm start\`'s stack (SQLite outboxes, file trail, in-memory limits; one gateway process, \`WORKERS=${figures.embeddedWorkers}\`). ` +
      "`scaled`: `npm run start:scaled`'s " +
      `(PostgreSQL, Redis, two replicas of every subgraph behind HAProxy, the gateway processes behind HAProxy too), started in ${figures.startS.toFixed(0)} s ` +
      'once the embedded stack was stopped: each ran alone on the machine. Same world, same production settings, same scenarios and bodies; ' +
      "`submission`: the portal's RequestElectricityConnection, a new idempotency key each time, " +
      `${figures.submissions.count} per row, ${figures.submissions.concurrency} at a time. Gateway CPU is each gateway process's, in % of one core.`,
    '',
  );
  out.push(
    table(
      ['workload', 'deployment', 'req/s', 'vs embedded', 'p50 ms', 'p99 ms', 'errors', 'gateway CPU % (per process)', 'requests'],
      figures.rows.map((row) => [
        row.workload,
        deploymentCell(row),
        row.figures.requestsPerSecond.toFixed(0),
        ratioCell(figures.rows, row),
        ms(row.figures.p50Ms),
        ms(row.figures.p99Ms),
        errorsCell(row.figures),
        row.gatewayCpuPercent.map((c) => c.toFixed(0)).join(' + ') || 'n/a',
        String(row.figures.responses),
      ]),
    ),
    '',
  );
  const samples = figures.rows.filter((r) => r.figures.errorSamples.length > 0);
  if (samples.length > 0) {
    out.push(
      'Errors seen:',
      '',
      ...samples.map((r) => `- ${r.workload}, ${deploymentCell(r)}: ${r.figures.errorSamples.map((e) => `\`${e.replaceAll('`', "'").replaceAll('\n', ' ').slice(0, 160)}\``).join('; ')}`),
      '',
    );
  }
  if (figures.costs.length === 0) return out.join('\n').trimEnd();
  const gateways = figures.costs[0]?.gateways ?? 0;
  out.push(`### What PostgreSQL and Redis do per request (scaled, ${gateways} gateways, the same measured runs)`, '');
  out.push(
    `Deltas of the servers' own counters around each measured run (PostgreSQL: \`pg_stat_database\` of the services' database, \`pg_current_wal_lsn()\`` +
      `${figures.statementStats ? ', `pg_stat_statements`' : ''}; Redis: \`INFO commandstats\`, \`INFO stats\`), minus what the same length of idle time cost ` +
      `(${figures.idleS} s measured with no request: outbox polls, the read model's feed, health checks), divided by the requests answered ` +
      '(submissions: accepted ones, counted until the outbox had delivered them all' +
      `${figures.submissions.drainedWithinS === undefined ? '' : `, ${figures.submissions.drainedWithinS.toFixed(1)} s after the last answer`}). ` +
      "WAL is the whole server's. Redis commands are an upper bound on round trips (a pipeline or MULTI sends several in one).",
    '',
  );
  out.push(
    table(
      ['workload', 'requests', 'PG transactions', 'PG statements', 'PG server ms', 'WAL', 'rows written', 'audit records', 'Redis commands', 'Redis server µs', 'Redis commands by name'],
      figures.costs.map((c) => [
        c.workload,
        String(c.requests),
        fixed(c.postgres.transactions),
        figures.statementStats ? fixed(c.postgres.statements) : 'n/a',
        figures.statementStats ? fixed(c.postgres.serverMs, 3) : 'n/a',
        kb(c.postgres.walBytes),
        fixed(c.postgres.rowsWritten),
        fixed(c.postgres.auditRecords),
        fixed(c.redis.commands),
        fixed(c.redis.serverUs, 1),
        c.redis.byCommand
          .slice(0, 5)
          .map((x) => `${x.command} ${fixed(x.calls)}`)
          .join(', ') || '0',
      ]),
    ),
    '',
  );
  if (figures.statementStats) {
    out.push('Where the PostgreSQL statements go, per request (the five most frequent of each workload):', '');
    for (const c of figures.costs.filter((x) => x.workload !== 'submission')) out.push(`- ${c.workload}:`, ...statementLines(c.postgres.byStatement, 5));
    out.push('');
  }
  const submission = figures.costs.find((c) => c.workload === 'submission');
  if (submission) {
    out.push(
      `**Per submission** (accepted, then delivered to CEET by the outbox): ${fixed(submission.postgres.transactions, 1)} transactions, ` +
        `${figures.statementStats ? `${fixed(submission.postgres.statements, 1)} statements, ${fixed(submission.postgres.serverMs, 2)} ms of server time, ` : ''}` +
        `${kb(submission.postgres.walBytes)} of WAL, ${fixed(submission.postgres.rowsWritten, 1)} rows written; ${fixed(submission.redis.commands, 1)} Redis commands.`,
    );
    if (figures.statementStats) out.push('', 'Its statements, per submission (most frequent first):', '', ...statementLines(submission.postgres.byStatement, 12));
    out.push('');
  }
  const audit = figures.auditRecord;
  if (audit && audit.records > 0) {
    out.push(
      `**Per audit record** (the trail's statements during the \`status\` run, ${audit.records} records appended): ${fixed(audit.transactions)} append transactions ` +
        `(records of concurrent requests share one), ${fixed(audit.statements, 1)} statements with their BEGIN/COMMIT, ${fixed(audit.serverMs, 3)} ms of server time, ${kb(audit.walBytes)} of WAL.`,
      '',
      ...statementLines(audit.byStatement, 8),
      '',
    );
  }
  return out.join('\n').trimEnd();
}
