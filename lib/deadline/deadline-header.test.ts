import { describe, expect, it } from 'vitest';
import { parseDeadlineHeader } from './index.js';

describe('parseDeadlineHeader: what a subgraph takes from x-guichet-deadline-ms', () => {
  it.each([
    { value: '2500', max: 8_000, expected: 2_500 },
    { value: ' 2500 ', max: 8_000, expected: 2_500 },
    { value: '0', max: 8_000, expected: 0 },
    // Never longer than the receiver's own bound.
    { value: '60000', max: 8_000, expected: 8_000 },
    { value: '999999999', max: 8_000, expected: 8_000 },
    { value: ['1200'], max: 8_000, expected: 1_200 },
  ])('$value (bound $max) → $expected', ({ value, max, expected }) => {
    expect(parseDeadlineHeader(value, max)).toBe(expected);
  });

  // Malformed: ignored, the receiver applies its own bound (a request is never failed for a bad hint).
  it.each([undefined, '', '-5', '1.5', '1e3', '0x10', 'abc', '12ms', '1234567890', 'Infinity', 'NaN', ['100', '200'], []])('%j → no deadline of the caller', (value) => {
    expect(parseDeadlineHeader(value as string | string[] | undefined, 8_000)).toBeUndefined();
  });
});
