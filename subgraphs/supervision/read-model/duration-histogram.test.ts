import { describe, expect, it } from 'vitest';
import { DurationHistogram } from './duration-histogram.js';

const of = (...days: number[]) => {
  const histogram = new DurationHistogram();
  for (const d of days) histogram.add(d);
  return histogram;
};

describe('DurationHistogram', () => {
  it('gives nearest-rank percentiles: one of the durations, never an average of two', () => {
    const h = of(1, 2, 3, 4);
    expect([h.percentile(0.5), h.percentile(0.9), h.percentile(1), h.count]).toEqual([2, 4, 4, 4]);
  });

  it('is exact to the tenth of a day below 100 days (rounded down), to the day beyond; the maximum is exact', () => {
    expect(of(12.37).percentile(0.5)).toBe(12.3);
    expect(of(150.8).percentile(0.5)).toBe(150);
    expect(of(150.8).maximum()).toBe(150.8);
    // Beyond ten years: the last bin, reported as ten years.
    expect(of(5_000).percentile(0.5)).toBe(3_650);
  });

  it('is empty until a duration is added', () => {
    expect([of().percentile(0.5), of().maximum(), of().count]).toEqual([null, null, 0]);
  });
});
