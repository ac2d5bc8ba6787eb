import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from './negotiate-encoding.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    // Browsers list gzip first: a tie goes to brotli.
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.9, gzip;q=0.8', 'br'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['identity', 'identity'],
    ['identity;q=1, gzip;q=0.5', 'identity'],
    ['gzip;q=0.3, identity;q=0', 'gzip'],
    ['GZIP', 'gzip'],
    ['*;q=0', undefined],
    ['identity;q=0', undefined],
    ['deflate, identity;q=0', undefined],
  ] as const)('Accept-Encoding %j → %s', (header, coding) => {
    expect(negotiateEncoding(header)).toBe(coding);
  });
});
