import { soakSystems } from './plan-submissions.js';
import type { SoakFigures } from './soak-figures.js';

const sum = (values: Readonly<Record<string, number>>) => Object.values(values).reduce((a, b) => a + b, 0);
const list = (values: Readonly<Record<string, number>>) =>
  Object.entries(values)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** The figures as a plain-text table (English), the verdict last. */
export function formatSoakFigures(f: SoakFigures): string {
  const s = f.submissions;
  const rows: [string, string][] = [
    ['seed', String(f.seed)],
    ['submissions planned', String(s.planned)],
    ['submissions attempted', String(s.attempted)],
    ['accepted', `${s.accepted} (delivered at once ${s.acceptedDelivered}, queued at acceptance ${s.acceptedQueued})`],
    ['refused / abandoned / not attempted', `${s.refused} / ${s.abandoned} (of which filed once: ${s.abandonedButFiled}) / ${s.notAttempted}`],
    ['delivered (found in legacy)', String(s.delivered)],
    ...soakSystems.map((system): [string, string] => {
      const b = f.bySystem[system];
      return [`  ${system}`, `attempted ${b.attempted}, accepted ${b.accepted}, queued ${b.queuedAtAcceptance}, lost ${b.lost}, duplicated ${b.duplicated}`];
    }),
    ['faults injected', `${sum(f.faults)} (${list(f.faults)})`],
    ['kills (and restarts)', `${sum(f.kills)} (${list(f.kills)})`],
    ['client retries', `${f.clientRetries} (${list(f.retryCauses)})`],
    ['forwarder deliveries', `${f.outbox.forwarderDeliveries} (reconciled, already filed: ${f.outbox.reconciledDeliveries}; leases lost: ${f.outbox.leasesLost})`],
    ['service error lines', list(f.outbox.errorsByService)],
    ['drain', `${f.drain.drained ? 'complete' : `NOT complete (${f.drain.pending.length} still queued)`}, ${f.drain.watched} watched, ${(f.drain.durationMs / 1000).toFixed(1)} s`],
    ['LOST', String(f.lost)],
    ['DUPLICATED', String(f.duplicated)],
    ['refused yet filed', String(f.ghosts)],
    ['reference mismatches', String(f.mismatched)],
    ['stray legacy records', String(f.strayRecords)],
    ['documents at their systems', `${f.pieces.received} of ${f.pieces.expected} held exactly once (missing ${f.pieces.lost}, held twice or more ${f.pieces.duplicated})`],
    ...Object.entries(f.pieces.bySystem).map(([system, p]): [string, string] => [
      `  documents at ${system}`,
      `${p?.received ?? 0} of ${p?.expected ?? 0} held exactly once (missing ${p?.lost ?? 0}, held twice or more ${p?.duplicated ?? 0})`,
    ]),
    ...(f.scaled
      ? ([
          [
            'rate limit across gateways',
            `${f.scaled.rateLimit.held ? 'held' : 'NOT held'}: ${f.scaled.rateLimit.accepted} of ${f.scaled.rateLimit.sent} anonymous requests accepted (limit ${f.scaled.rateLimit.limitPerMinute}/min, at most ${f.scaled.rateLimit.allowed} allowed), ${f.scaled.rateLimit.refused} refused, ${f.scaled.rateLimit.other} other`,
          ],
          ['audit trail', `${f.scaled.trail.verified ? 'verifies' : 'does NOT verify'}: ${f.scaled.trail.records} records; ${f.scaled.trail.detail}`],
        ] as [string, string][])
      : []),
    [
      'duration',
      `${(f.durationMs / 1000).toFixed(1)} s (startup ${(f.phasesMs.startup / 1000).toFixed(1)}, chaos ${(f.phasesMs.chaos / 1000).toFixed(1)}, drain ${(f.phasesMs.drain / 1000).toFixed(1)}, verify ${(f.phasesMs.verify / 1000).toFixed(1)})`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = ['Guichet chaos soak', ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  if (f.findings.length > 0) lines.push('', 'Findings:', ...f.findings.map((x) => `  - ${x}`));
  if (f.outbox.lastErrors.length > 0) lines.push('', 'Last service error lines:', ...f.outbox.lastErrors.map((x) => `  ${x}`));
  if (f.dataDir) lines.push('', `Data kept in ${f.dataDir}`);
  lines.push('', f.passed ? 'PASSED: every accepted submission is in its legacy system exactly once.' : `FAILED: ${f.failures.join('; ')}`);
  return lines.join('\n');
}
