import type { StrayRecords } from './find-stray-records.js';
import { soakSystems, type SoakSystem } from './plan-submissions.js';
import type { SoakFigures, SystemFigures } from './soak-figures.js';
import type { FaultKind } from './start-fault-injector.js';
import type { SubmissionOutcome } from './submit-with-retries.js';
import type { ServiceLogTally } from './create-log-tallier.js';
import type { DrainResult } from './wait-for-drain.js';
import type { Finding, Verification } from './verify-submissions.js';
import type { PieceFinding, PiecesVerification } from './verify-pieces.js';

export interface SoakMeasurements {
  readonly seed: number;
  readonly outcomes: readonly SubmissionOutcome[];
  readonly verification: Verification;
  readonly strays: readonly StrayRecords[];
  readonly pieces: PiecesVerification;
  readonly drain: DrainResult & { readonly watched: number };
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly kills: Readonly<Record<string, number>>;
  readonly plannedKills: number;
  readonly outbox: ServiceLogTally;
  readonly phasesMs: SoakFigures['phasesMs'];
  readonly scaled?: SoakFigures['scaled'];
  readonly dataDir?: string;
}

/** Turns what the run observed into its figures and verdict. */
export function buildSoakFigures(m: SoakMeasurements): SoakFigures {
  const { outcomes, verification: v } = m;
  const count = (predicate: (o: SubmissionOutcome) => boolean) => outcomes.filter(predicate).length;
  const accepted = (o: SubmissionOutcome) => o.result === 'accepted';
  const queued = (o: SubmissionOutcome) => accepted(o) && (o.reference ?? '').startsWith('GCH-');
  const retryCauses: Record<string, number> = {};
  for (const o of outcomes) for (const cause of o.retryCauses) retryCauses[cause] = (retryCauses[cause] ?? 0) + 1;
  const inSystem = (findings: readonly Finding[], system: SoakSystem) => findings.filter((f) => f.outcome.planned.system === system).length;
  const bySystem = Object.fromEntries(
    soakSystems.map((system): [SoakSystem, SystemFigures] => {
      const mine = outcomes.filter((o) => o.planned.system === system);
      return [
        system,
        {
          attempted: mine.filter((o) => o.attempts > 0).length,
          accepted: mine.filter(accepted).length,
          queuedAtAcceptance: mine.filter(queued).length,
          lost: inSystem(v.lost, system),
          duplicated: inSystem(v.duplicated, system),
        },
      ];
    }),
  ) as Record<SoakSystem, SystemFigures>;

  const failures: string[] = [];
  if (v.lost.length > 0) failures.push(`${v.lost.length} accepted submission(s) lost`);
  if (v.duplicated.length > 0) failures.push(`${v.duplicated.length} submission(s) duplicated`);
  if (v.ghosts.length > 0) failures.push(`${v.ghosts.length} refused submission(s) filed all the same`);
  if (v.mismatched.length > 0) failures.push(`${v.mismatched.length} reference mismatch(es)`);
  if (m.pieces.lost.length > 0) failures.push(`${m.pieces.lost.length} filed document(s) missing at their system (${systemsOf(m.pieces.lost)})`);
  if (m.pieces.duplicated.length > 0) failures.push(`${m.pieces.duplicated.length} filed document(s) held more than once at their system (${systemsOf(m.pieces.duplicated)})`);
  if (m.strays.length > 0) failures.push(`${m.strays.length} citizen list(s) with records no submission accounts for`);
  if (!m.drain.drained) failures.push(`outboxes not drained before the deadline (${m.drain.pending.length} still queued)`);
  const killsDone = Object.values(m.kills).reduce((a, b) => a + b, 0);
  if (killsDone < m.plannedKills) failures.push(`only ${killsDone} of ${m.plannedKills} kills happened`);
  if (m.scaled && !m.scaled.rateLimit.held)
    failures.push(`the rate limit did not hold across gateways (${m.scaled.rateLimit.accepted} of ${m.scaled.rateLimit.sent} accepted, at most ${m.scaled.rateLimit.allowed} allowed)`);
  if (m.scaled && !m.scaled.trail.verified) failures.push(`the shared audit trail does not verify: ${m.scaled.trail.detail}`);

  const describe = (f: Finding) =>
    `${f.outcome.planned.system} #${f.outcome.planned.index} key ${f.outcome.planned.idempotencyKey} NIU ${f.outcome.planned.applicantNiu} ${f.outcome.planned.externalReference}: ${f.why}${f.finalStatus ? ` (status after drain: ${f.finalStatus})` : ''}; ${f.outcome.attempts} attempt(s), retries: ${f.outcome.retryCauses.join(' ') || 'none'}`;
  const describePiece = (p: PieceFinding) =>
    `${p.kind} of #${p.outcome.planned.index} key ${p.outcome.planned.idempotencyKey} (${p.legacyReference}): ${p.copies} cop${p.copies === 1 ? 'y' : 'ies'} at ${p.outcome.planned.system}`;
  const findings = [
    ...v.lost.map((f) => `LOST ${describe(f)}`),
    ...v.duplicated.map((f) => `DUPLICATED ${describe(f)}`),
    ...v.ghosts.map((f) => `REFUSED YET FILED ${describe(f)}`),
    ...v.mismatched.map((f) => `MISMATCH ${describe(f)}`),
    ...m.pieces.lost.map((p) => `DOCUMENT LOST ${describePiece(p)}`),
    ...m.pieces.duplicated.map((p) => `DOCUMENT DUPLICATED ${describePiece(p)}`),
    ...m.strays.map(
      (x) => `STRAY ${x.system} NIU ${x.applicantNiu}: ${x.count > 0 ? `${x.count} record(s) more` : `${-x.count} record(s) fewer`} than the seeded world and the soak's filings account for`,
    ),
  ];

  return {
    seed: m.seed,
    submissions: {
      planned: outcomes.length,
      attempted: count((o) => o.attempts > 0),
      accepted: count(accepted),
      acceptedDelivered: count((o) => accepted(o) && !queued(o)),
      acceptedQueued: count(queued),
      refused: count((o) => o.result === 'refused'),
      abandoned: count((o) => o.result === 'abandoned'),
      notAttempted: count((o) => o.result === 'not-attempted'),
      delivered: v.delivered,
      abandonedButFiled: v.abandonedButFiled,
    },
    bySystem,
    faults: m.faults,
    kills: m.kills,
    clientRetries: outcomes.reduce((n, o) => n + Math.max(0, o.attempts - 1), 0),
    retryCauses,
    outbox: m.outbox,
    drain: { watched: m.drain.watched, drained: m.drain.drained, pending: m.drain.pending, durationMs: m.drain.durationMs },
    lost: v.lost.length,
    duplicated: v.duplicated.length,
    ghosts: v.ghosts.length,
    mismatched: v.mismatched.length,
    strayRecords: m.strays.reduce((n, x) => n + Math.abs(x.count), 0),
    pieces: { expected: m.pieces.expected, received: m.pieces.received, lost: m.pieces.lost.length, duplicated: m.pieces.duplicated.length, bySystem: m.pieces.bySystem },
    findings: findings.slice(0, 20),
    phasesMs: m.phasesMs,
    durationMs: m.phasesMs.startup + m.phasesMs.chaos + m.phasesMs.drain + m.phasesMs.verify,
    passed: failures.length === 0,
    failures,
    ...(m.scaled ? { scaled: m.scaled } : {}),
    ...(m.dataDir ? { dataDir: m.dataDir } : {}),
  };
}

/** `mines, ceet`: the systems of some findings, each once. */
function systemsOf(findings: readonly PieceFinding[]): string {
  return [...new Set(findings.map((f) => f.outcome.planned.system))].join(', ');
}
