import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { oldGenerationLimitBytes, semiSpaceMiBOf } from './old-generation-limit.js';

const mib = 2 ** 20;

describe('semiSpaceMiBOf', () => {
  it.each([
    [[], 16],
    [['--max-old-space-size=160'], 16],
    [['--max-semi-space-size=32'], 32],
    [['--max_semi_space_size=24'], 24],
    [['--max-semi-space-size', '48'], 48],
    [['--max-semi-space-size=32', '--max-semi-space-size=8'], 8],
    [['--max-semi-space-size=abc'], 16],
  ])('%j → %i MiB', (flags, expected) => {
    expect(semiSpaceMiBOf(flags)).toBe(expected);
  });
});

describe('oldGenerationLimitBytes, in processes V8 sized', () => {
  // V8's own heap limit and flags, in a process started with them on the command line and in NODE_OPTIONS: the same
  // old generation whatever the young one.
  const report = 'console.log(JSON.stringify({ limit: require("node:v8").getHeapStatistics().heap_size_limit, execArgv: process.execArgv }))';
  const cases: { args: string[]; nodeOptions?: string; oldMiB: number }[] = [
    { args: ['--max-old-space-size=160'], oldMiB: 160 },
    { args: ['--max-old-space-size=160', '--max-semi-space-size=32'], oldMiB: 160 },
    { args: ['--max-old-space-size=96'], nodeOptions: '--max-semi-space-size=8', oldMiB: 96 },
    { args: [], nodeOptions: '--max-old-space-size=200 --max-semi-space-size=32', oldMiB: 200 },
  ];
  it.each(cases)('$args $nodeOptions → $oldMiB MiB', ({ args, nodeOptions = '', oldMiB }) => {
    const run = spawnSync(process.execPath, [...args, '-e', report], { env: { ...process.env, NODE_OPTIONS: nodeOptions }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { limit, execArgv } = JSON.parse(run.stdout) as { limit: number; execArgv: string[] };
    expect(oldGenerationLimitBytes(limit, [...execArgv, ...nodeOptions.split(' ').filter(Boolean)])).toBe(oldMiB * mib);
  });

  it('subtracts three semi-spaces from the heap limit', () => {
    expect(oldGenerationLimitBytes(208 * mib, ['--max-old-space-size=160'])).toBe(160 * mib);
    expect(oldGenerationLimitBytes(256 * mib, ['--max-semi-space-size=32'])).toBe(160 * mib);
  });
});
