import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stackServices } from '../../scripts/stack/index.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Every service validates its environment at start-up: a clear message and exit code 2, never a stack trace. */
describe('start-up configuration', () => {
  it.each(stackServices.map((s) => [s.name, s.entry] as const))('%s refuses a bad PORT with a clear message', (_name, entry) => {
    const run = spawnSync(process.execPath, [`${dist}${entry}`], { env: { ...process.env, PORT: 'quatre-mille' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/PORT="quatre-mille": expected a TCP port number/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a subgraph refuses a legacy URL that is not a URL', () => {
    const run = spawnSync(process.execPath, [`${dist}subgraphs/electricity/main.js`], { env: { ...process.env, CEET_URL: 'ceet.local' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/CEET_URL/);
  });

  it('a simulator refuses an error rate above 1', () => {
    const run = spawnSync(process.execPath, [`${dist}legacy/ceet/main.js`], { env: { ...process.env, FAULT_ERROR_RATE: '3' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/FAULT_ERROR_RATE/);
  });

  it('the gateway refuses cache budgets its heap cannot hold', () => {
    const run = spawnSync(process.execPath, ['--max-old-space-size=160', `${dist}gateway/main.js`], { env: { ...process.env, SUBGRAPH_CACHE_MAX_BYTES: '500000000' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/SUBGRAPH_CACHE_MAX_BYTES \+ RESPONSE_CACHE_MAX_BYTES \+ QUERY_PLAN_CACHE_MIB come to \d+ MB, more than half the heap/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
