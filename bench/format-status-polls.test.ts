import { describe, expect, it } from 'vitest';
import { checkStatusPollTargets, formatStatusPolls } from './format-status-polls.js';
import type { StatusPollFigures } from './measure-status-polls.js';
import { summarizeLatency } from './push-cost.js';

const figures = (over: Partial<StatusPollFigures> = {}): StatusPollFigures => ({
  phones: 300,
  dossiers: 800,
  appIntervalS: 30,
  intervalMs: 30_000,
  feedIntervalMs: 2_000,
  maxAgeMs: 3_000,
  warmupRounds: 3,
  rounds: 6,
  polls: 4_800,
  failures: 0,
  failureSamples: [],
  legacyCalls: 240,
  callsPerPoll: 0.05,
  firstRoundCallsPerPoll: 1,
  changes: 16,
  adminFailures: 0,
  changeToAnswer: summarizeLatency([900, 1_500, 2_400]),
  unseenChanges: 0,
  changeToPhone: summarizeLatency([12_000]),
  lateAnswers: 0,
  asOfAge: summarizeLatency([100, 1_800, 2_900]),
  provenShare: 0.97,
  ...over,
});

describe('the status-poll targets (issue 16, target 3)', () => {
  it('meets both with few calls per poll and answers within the feed interval + 1 s, with margins', () => {
    const [calls, fresh] = checkStatusPollTargets(figures());
    expect(calls).toMatchObject({ verdict: 'met', detail: expect.stringContaining('0.050 (goal ≤ 0.1: met by 50%)') });
    expect(fresh).toMatchObject({ verdict: 'met', detail: expect.stringContaining('2.90 s (goal ≤ 3 s: met by 3%)') });
  });

  it('misses on too many calls, on an old asOf, on a slow change, on a late or unseen answer', () => {
    expect(checkStatusPollTargets(figures({ callsPerPoll: 0.25 }))[0]).toMatchObject({ verdict: 'missed', detail: expect.stringContaining('missed by 150%') });
    expect(checkStatusPollTargets(figures({ asOfAge: summarizeLatency([3_600]) }))[1]).toMatchObject({ verdict: 'missed', detail: expect.stringContaining('3.60 s (goal ≤ 3 s: missed by 20%)') });
    expect(checkStatusPollTargets(figures({ changeToAnswer: summarizeLatency([4_000]) }))[1]?.verdict).toBe('missed');
    expect(checkStatusPollTargets(figures({ lateAnswers: 1 }))[1]?.verdict).toBe('missed');
    expect(checkStatusPollTargets(figures({ unseenChanges: 2 }))[1]?.verdict).toBe('missed');
  });

  it('says not measured without a figure, with failed polls, or with nothing timed', () => {
    expect(checkStatusPollTargets(undefined).map((c) => c.verdict)).toEqual(['not measured', 'not measured']);
    expect(checkStatusPollTargets(figures({ failures: 3, failureSamples: ['HTTP 500'] }))[0]).toMatchObject({ verdict: 'not measured', detail: expect.stringContaining('3 of 4800 polls failed') });
    expect(checkStatusPollTargets(figures({ changeToAnswer: summarizeLatency([]) }))[1]?.verdict).toBe('not measured');
  });

  it('prints the figures, and says when time was compressed', () => {
    expect(formatStatusPolls(figures())).toContain('every 30 s (real time)');
    const quick = formatStatusPolls(figures({ intervalMs: 10_000 }));
    expect(quick).toContain('compressed time: 30 s scaled to 10000 ms');
    expect(quick).toMatch(/\| 4800 \| 0 \| 240 \| 0\.050 \| 1\.00 \| 97 % \| 0 \|/);
  });
});
