import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from './parse-soak-args.js';
import { defaultSoakOptions, quickSoakOptions } from './soak-options.js';

describe('parseSoakArgs', () => {
  it('reads the flags over the defaults, or over the quick profile', () => {
    expect(parseSoakArgs([])).toMatchObject({ submissions: defaultSoakOptions.submissions, kills: defaultSoakOptions.kills });
    expect(parseSoakArgs(['--submissions', '90', '--duration-s', '20', '--kills', '3', '--seed', '7'])).toMatchObject({ submissions: 90, durationS: 20, kills: 3, seed: 7 });
    expect(parseSoakArgs(['--quick', '--kills', '0'])).toMatchObject({ submissions: quickSoakOptions.submissions, kills: 0 });
  });

  it('refuses unknown flags and bad numbers, with the usage', () => {
    expect(() => parseSoakArgs(['--submisions', '5'])).toThrow(/unknown flag.*\n.*usage/);
    expect(() => parseSoakArgs(['--submissions', '0'])).toThrow(/integer ≥ 1/);
    expect(() => parseSoakArgs(['--kills'])).toThrow(/integer ≥ 0/);
  });
});
