import { describe, expect, it } from 'vitest';
import { perThousandStreams, pollingCallsPerCitizenHour, prometheusValue, pushCallsPerCitizenHour, summarizeLatency } from './push-cost.js';

describe('push cost formulas', () => {
  it('polling: calls per poll × polls per hour, for every interval', () => {
    for (const [callsPerPoll, intervalS, expected] of [
      [1, 30, 120],
      [2.5, 30, 300],
      [3, 60, 180],
      [0, 30, 0],
      [1, 0.5, 7_200],
    ] as const)
      expect(pollingCallsPerCitizenHour(callsPerPoll, intervalS)).toBeCloseTo(expected, 9);
    expect(() => pollingCallsPerCitizenHour(1, 0)).toThrow(RangeError);
  });

  it('push: the feed calls are shared by the citizens, opens and other calls are each citizen’s own', () => {
    const base = { feedCallsPerSecond: 2, callsPerOpen: 0, opensPerHour: 1, otherCallsPerCitizenSecond: 0 };
    // 2 calls/s = 7,200 an hour, over 100 then 1,000 citizens.
    expect(pushCallsPerCitizenHour({ ...base, citizens: 100 })).toBeCloseTo(72, 9);
    expect(pushCallsPerCitizenHour({ ...base, citizens: 1_000 })).toBeCloseTo(7.2, 9);
    expect(pushCallsPerCitizenHour({ ...base, citizens: 1_000, callsPerOpen: 1, opensPerHour: 4 })).toBeCloseTo(11.2, 9);
    expect(pushCallsPerCitizenHour({ ...base, citizens: 1_000, otherCallsPerCitizenSecond: 0.001 })).toBeCloseTo(10.8, 9);
    expect(() => pushCallsPerCitizenHour({ ...base, citizens: 0 })).toThrow(RangeError);
  });

  it('per 1,000 streams', () => {
    expect(perThousandStreams(100, 150, 10_000)).toBeCloseTo(5, 9);
    expect(perThousandStreams(100, 120, 1_000)).toBeCloseTo(20, 9);
    expect(perThousandStreams(100, 90, 500)).toBeCloseTo(-20, 9);
    expect(() => perThousandStreams(1, 2, 0)).toThrow(RangeError);
  });

  it('latency summary: nearest-rank percentiles of any order, zeros for none', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(summarizeLatency(values)).toEqual({ count: 200, p50Ms: 100, p95Ms: 190, p99Ms: 198, maxMs: 200 });
    expect(summarizeLatency([7])).toEqual({ count: 1, p50Ms: 7, p95Ms: 7, p99Ms: 7, maxMs: 7 });
    expect(summarizeLatency([])).toEqual({ count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('reads one sample of a Prometheus exposition, not a longer name nor a comment', () => {
    const text = [
      '# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
      '# TYPE nodejs_heap_size_used_bytes gauge',
      'nodejs_heap_size_used_bytes_total 1',
      'nodejs_heap_size_used_bytes 12345678',
      'process_resident_memory_bytes 1.5e8 1700000000000',
    ].join('\n');
    expect(prometheusValue(text, 'nodejs_heap_size_used_bytes')).toBe(12_345_678);
    expect(prometheusValue(text, 'process_resident_memory_bytes')).toBe(150_000_000);
    expect(prometheusValue(text, 'nodejs_heap_size_total_bytes')).toBeUndefined();
  });
});
