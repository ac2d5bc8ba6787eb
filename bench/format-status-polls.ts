import type { TargetCheck } from './check-targets.js';
import { ms, table } from './markdown-cells.js';
import type { StatusPollFigures } from './measure-status-polls.js';
import type { PushLatency } from './push-cost.js';

/** Issue 16, target 3: at most this many legacy calls per status poll, once the feeds prove the dossiers unchanged. */
export const statusPollCallsGoal = 0.1;
/** … and the answers at most the feed interval plus this old. */
export const statusPollFreshnessSlackMs = 1_000;

const latencyCells = (l: PushLatency) => (l.count === 0 ? ['0', '—', '—', '—', '—'] : [String(l.count), ms(l.p50Ms), ms(l.p95Ms), ms(l.p99Ms), ms(l.maxMs)]);

/** `value` at most `goal`, with the margin in percent of the goal (as check-targets says it). */
function atMost(value: number, goal: number, unit: string, digits: number): Pick<TargetCheck, 'verdict' | 'detail'> {
  const met = value <= goal;
  const margin = goal === 0 ? 0 : (Math.abs(value - goal) / goal) * 100;
  return { verdict: met ? 'met' : 'missed', detail: `${value.toFixed(digits)}${unit} (goal ≤ ${goal}${unit}: ${met ? 'met' : 'missed'} by ${margin.toFixed(0)}%)` };
}

/** Issue 16, target 3, against the status-poll figure: legacy calls per poll, and freshness (probe delay, asOf age, late answers). */
export function checkStatusPollTargets(f: StatusPollFigures | undefined): TargetCheck[] {
  const callsGoal = `status polls: ≤ ${statusPollCallsGoal} legacy calls per poll once the feeds prove the dossiers unchanged`;
  const freshGoal = `status polls: freshness ≤ the feed interval + ${statusPollFreshnessSlackMs / 1000} s (change → first answer showing it, p99, and asOf age, max; no late answer)`;
  if (!f) return [callsGoal, freshGoal].map((goal) => ({ goal, verdict: 'not measured', detail: 'no status-poll figure (--status-poll-phones none)' }));
  if (f.polls === 0 || f.failures > 0) {
    const why = f.polls === 0 ? 'no poll counted' : `${f.failures} of ${f.polls} polls failed (${f.failureSamples[0] ?? ''})`;
    return [callsGoal, freshGoal].map((goal) => ({ goal, verdict: 'not measured', detail: why }));
  }
  const calls = atMost(f.callsPerPoll, statusPollCallsGoal, '', 3);
  const boundMs = f.feedIntervalMs + statusPollFreshnessSlackMs;
  const worst = Math.max(f.changeToAnswer.p99Ms, f.asOfAge.maxMs);
  const fresh = atMost(worst / 1000, boundMs / 1000, ' s', 2);
  const missedChanges = f.unseenChanges + f.lateAnswers;
  const freshness: Pick<TargetCheck, 'verdict' | 'detail'> =
    f.changeToAnswer.count === 0 || f.asOfAge.count === 0
      ? { verdict: 'not measured', detail: `${f.changeToAnswer.count} changes timed, ${f.asOfAge.count} asOf samples` }
      : {
          verdict: fresh.verdict === 'met' && missedChanges === 0 ? 'met' : 'missed',
          detail: `change → answer p99 ${ms(f.changeToAnswer.p99Ms)} ms, asOf age max ${ms(f.asOfAge.maxMs)} ms: ${fresh.detail}, feed interval ${f.feedIntervalMs} ms; ${f.unseenChanges} changes never shown, ${f.lateAnswers} late phone answers`,
        };
  return [
    { goal: callsGoal, verdict: calls.verdict, detail: `${calls.detail}; ${f.polls} polls, ${f.changes} changes (first round: ${f.firstRoundCallsPerPoll.toFixed(2)} per poll)` },
    { goal: freshGoal, ...freshness },
  ];
}

/** The "status polls proven by the change feed" section of the report. */
export function formatStatusPolls(f: StatusPollFigures): string {
  const compressed = f.intervalMs === f.appIntervalS * 1000 ? 'real time' : `compressed time: ${f.appIntervalS} s scaled to ${f.intervalMs} ms (the feeds and their overlap are not scaled)`;
  const out: string[] = ['## Status polls proven by the change feed (issue 16, target 3)', ''];
  out.push(
    `${f.phones} phones polled \`DossierStatus\` through the gateway for each of their ${f.dossiers} dossiers every ${f.appIntervalS} s (${compressed}), each at its own phase; the simulators at their realistic latency; the feeds read every ${f.feedIntervalMs} ms (\`SUPERVISION_POLL_MS\`), \`DOSSIER_FRESHNESS_MAX_AGE_MS\` ${f.maxAgeMs}. ${f.warmupRounds} warm-up round(s), then ${f.rounds} counted ones with ${f.changes} status changes (${((f.changes / Math.max(1, f.dossiers)) * 100).toFixed(0)} % of the dossiers, once each at a random instant, through the simulators' admin route${f.adminFailures > 0 ? `; ${f.adminFailures} admin calls failed` : ''}).`,
    '',
  );
  out.push(
    table(
      ['polls', 'failed', 'legacy calls (feeds apart)', 'per poll', 'per poll, first round', 'asOf on sampled answers', 'late phone answers'],
      [[String(f.polls), String(f.failures), String(f.legacyCalls), f.callsPerPoll.toFixed(3), f.firstRoundCallsPerPoll.toFixed(2), `${(f.provenShare * 100).toFixed(0)} %`, String(f.lateAnswers)]],
    ),
    '',
  );
  out.push(
    table(
      ['freshness', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        ['change → first probe answer showing it (read every 100 ms)', ...latencyCells(f.changeToAnswer)],
        ['change → first phone poll showing it (the app interval included)', ...latencyCells(f.changeToPhone)],
        ['age of proven answers (received − asOf)', ...latencyCells(f.asOfAge)],
      ],
    ),
    '',
  );
  out.push(
    `Legacy calls per poll count every call the window saw but the change feeds' (the probes' own reads included: conservative). A change stays in the feeds' answers for their overlap (\`SUPERVISION_FEED_OVERLAP_MS\`, 60 s), and the freshness rule drops a kept record each time a feed read names it, so each change costs about one legacy read per poll for a minute. \`asOf\` is not in the shipped \`DossierStatus\`: a probe reads the same loader through the owning subgraph's \`_entities\` (status and \`asOf\`), five random dossiers a second, and every changed one each 100 ms until the change shows. Late phone answers: phone answers still showing the old status more than the feed interval + 1 s after a change (the admin call's start).${f.unseenChanges > 0 ? ` ${f.unseenChanges} changes never showed within 30 s.` : ''}${f.failureSamples.length > 0 ? ` Failures: ${f.failureSamples.join('; ')}` : ''}`,
    '',
  );
  return out.join('\n');
}
