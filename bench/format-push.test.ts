import { describe, expect, it } from 'vitest';
import type { BenchFigures } from './bench-figures.js';
import { checkPushTargets, checkTargets } from './check-targets.js';
import { formatBenchResults } from './format-bench-results.js';
import { formatPush } from './format-push.js';
import type { PushLatencyFigures } from './measure-push-latency.js';
import type { PushFigures } from './measure-push.js';
import type { PushStreamsFigures, StreamLevelFigures } from './measure-push-streams.js';

const summary = (p50: number) => ({ count: 10, p50Ms: p50, p95Ms: p50 * 2, p99Ms: p50 * 3, maxMs: p50 * 4 });

function latency(pollMs: number, overrides: Partial<PushLatencyFigures> = {}): PushLatencyFigures {
  return {
    pollMs,
    subscribers: { sse: 80, ws: 20 },
    dossiers: 250,
    changes: 300,
    adminFailures: 0,
    completed: 300,
    latency: summary(pollMs / 2),
    latencyByTransport: { sse: summary(pollMs / 2), ws: summary(pollMs / 2 + 1) },
    missed: 0,
    duplicated: 0,
    unexpected: 0,
    streamFailures: 0,
    failureSamples: [],
    windowS: 30,
    feedCallsPerSecond: 4_000 / pollMs,
    otherCalls: 0,
    callsPerOpen: 0,
    ...overrides,
  };
}

function level(streams: number, open = streams): StreamLevelFigures {
  return {
    streams,
    open,
    refused: streams - open,
    ended: 0,
    openS: 3,
    memory: { rssMb: 160 + streams / 100, heapUsedMb: 50 + streams / 200 },
    rssPerThousandMb: 10,
    heapPerThousandMb: 5,
    idleCpuPercent: 2,
    burst: { changes: 100, expectedDeliveries: 1_000, delivered: 1_000, seconds: 1.5, cpuPercent: 40, cpuMsPerThousandDeliveries: 120 },
  };
}

function streams(levels: readonly StreamLevelFigures[], stoppedBecause?: string): PushStreamsFigures {
  return {
    citizens: 1_000,
    perPrincipalCap: 12,
    maxStreamsCap: 11_000,
    fileLimit: 20_000,
    heapLimit: 'the production cap (--max-old-space-size=160)',
    idleS: 30,
    pollMs: 250,
    baseline: { rssMb: 150, heapUsedMb: 45, idleCpuPercent: 1 },
    levels,
    ...(stoppedBecause ? { stoppedBecause } : {}),
    failureSamples: [],
  };
}

function push(overrides: Partial<PushFigures> = {}): PushFigures {
  return {
    loadAtStart: '1.00 1.00 1.00',
    loadAtEnd: '2.00 2.00 2.00',
    latency: [latency(2_000), latency(250)],
    polling: { citizens: 100, dossiers: 250, rounds: 5, roundIntervalMs: 300, requests: 1_250, failures: 0, legacyCalls: 1_250, callsPerPoll: 2.5, callsPerDossier: 1 },
    cost: [
      { citizens: 100, pollMs: 2_000, pushPerCitizenHour: 72, pollingPerCitizenHour: 300 },
      { citizens: 1_000, pollMs: 2_000, pushPerCitizenHour: 7.2, pollingPerCitizenHour: 300 },
    ],
    opensPerHour: 1,
    appPollIntervalS: 30,
    streams: streams([level(1_000), level(10_000)]),
    ...overrides,
  };
}

describe('the push section of the report', () => {
  it('prints the three figures with the poll interval, the formulas and the load', () => {
    const text = formatPush(push());
    expect(text).toContain('## Push against polling');
    expect(text).toContain('1.00 1.00 1.00 / 2.00 2.00 2.00');
    expect(text).toMatch(/\| 2000 \| 100 apps \| 10 \| 1000 \| 2000 \| 3000 \| 4000 \| 300 \| 0 \| 0 \| 0 \| 0 \|/);
    expect(text).toMatch(/\| 250 \| graphql-ws \(20\) \|/);
    expect(text).toContain('| 1000 | 2000 | 300 | 7.2 | 42× |');
    expect(text).toContain('**Polling** = calls per poll × 3600 / 30');
    expect(text).toContain('**Push** = feed calls per second × 3600 / citizens');
    expect(text).toMatch(/\| 10000 \| 10000 in 3 s \| 260 \| 100 \| 10\.0 \| 5\.0 \| 2\.0 \| 1000\/1000 \(100 changes\) in 1\.5 s \| 40 \| 120 \|/);
    expect(text).not.toContain('Largest level not reached');
  });

  it('shows missed and duplicated events in bold, and why the largest level was not reached', () => {
    const text = formatPush(push({ latency: [latency(250, { missed: 2, duplicated: 1 })], streams: streams([level(1_000), level(10_000, 7_000)], 'the gateway exited') }));
    expect(text).toMatch(/\| 300 \| \*\*2\*\* \| \*\*1\*\* \| 0 \| 0 \|/);
    expect(text).toContain('**Largest level not reached**: the gateway exited.');
  });

  it('leaves out what was not measured', () => {
    const text = formatPush(push({ latency: [], cost: [], streams: undefined }));
    expect(text).not.toContain('### From a legacy status change');
    expect(text).not.toContain('### Legacy calls per citizen');
    expect(text).not.toContain('### Memory and CPU');
  });
});

describe('issue 15 targets', () => {
  it('met when nothing is missed and 10,000 streams open; missed otherwise; not measured when skipped', () => {
    expect(checkPushTargets(push()).map((c) => c.verdict)).toEqual(['met', 'met']);
    expect(checkPushTargets(push({ latency: [latency(250, { duplicated: 1 })] }))[0]?.verdict).toBe('missed');
    expect(checkPushTargets(push({ latency: [latency(250, { streamFailures: 1 })] }))[0]?.verdict).toBe('missed');
    expect(checkPushTargets(push({ streams: streams([level(1_000), level(10_000, 9_000)], '10000 streams asked, 9000 open') }))[1]).toMatchObject({
      verdict: 'missed',
      detail: expect.stringContaining('9000 reached'),
    });
    expect(checkPushTargets(push({ latency: [], streams: undefined })).map((c) => c.verdict)).toEqual(['not measured', 'not measured']);
  });

  it('a push-only run reports issue 15 alone, under its own heading', () => {
    const figures: BenchFigures = {
      startedAt: 'a',
      finishedAt: 'b',
      machine: {},
      parameters: {},
      realisticLatency: {},
      scenarios: [],
      scaling: [],
      dossierCounts: [],
      skipped: [],
      push: push(),
    };
    expect(checkTargets(figures)).toHaveLength(2);
    const report = formatBenchResults(figures);
    expect(report).toContain('## Targets of issue 15 (printed, never asserted)');
    expect(report).toContain('## Push against polling');
  });
});
