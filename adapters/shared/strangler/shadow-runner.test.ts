import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter-error.js';
import { createShadowEvents, type ShadowEvent } from '../observation/index.js';
import { createShadowRunner, type ShadowRunnerOptions } from './shadow-runner.js';

const failure = (code: 'NOT_FOUND' | 'BACKEND_ERROR') => new AdapterError({ code, system: 'rnec', operation: 'op', retryable: code !== 'NOT_FOUND', message: code });

function setup(options: Partial<ShadowRunnerOptions> = {}) {
  const events = createShadowEvents();
  const seen: ShadowEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const runner = createShadowRunner({ system: 'rnec', primary: 'soap', secondary: 'rest', timeoutMs: 200, maxInFlight: 4, events, ...options });
  /** The next event reported (comparisons are reported after the answer, in the background). */
  const next = async (): Promise<ShadowEvent> => {
    for (let i = 0; i < 200 && seen.length === 0; i += 1) await sleep(5);
    const event = seen.shift();
    if (!event) throw new Error('no shadow event reported');
    return event;
  };
  return { runner, seen, next };
}

describe('shadow runner', () => {
  it('answers with the primary and reports a match', async () => {
    const { runner, next } = setup();
    expect(
      await runner.run(
        'getCitizen',
        async () => ({ lastName: 'Agbeko' }),
        async () => ({ lastName: 'Agbeko' }),
      ),
    ).toEqual({ lastName: 'Agbeko' });
    expect(await next()).toMatchObject({ system: 'rnec', operation: 'getCitizen', primary: 'soap', secondary: 'rest', result: 'match', fields: [] });
  });

  it('detects a deliberate difference and reports its field paths only', async () => {
    const { runner, next } = setup();
    const answer = await runner.run(
      'getCitizen',
      async () => ({ lastName: 'Agbeko', sex: 'M' }),
      async () => ({ lastName: 'AGBEKO', sex: 'M' }),
    );
    expect(answer).toEqual({ lastName: 'Agbeko', sex: 'M' });
    const event = await next();
    expect(event).toMatchObject({ result: 'mismatch', fields: ['lastName'] });
    expect(JSON.stringify(event)).not.toMatch(/agbeko/i);
  });

  it('compares refusals by code: the same NOT_FOUND is a match, a value against a refusal a mismatch', async () => {
    const { runner, next } = setup();
    await expect(
      runner.run(
        'getCitizen',
        () => Promise.reject(failure('NOT_FOUND')),
        () => Promise.reject(failure('NOT_FOUND')),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await next()).toMatchObject({ result: 'match' });
    await expect(
      runner.run(
        'getCitizen',
        () => Promise.reject(failure('NOT_FOUND')),
        async () => ({}),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await next()).toMatchObject({ result: 'mismatch', fields: ['(outcome)'] });
  });

  it('a failing secondary neither fails the answer nor changes it: secondary_error', async () => {
    const { runner, next } = setup();
    expect(
      await runner.run(
        'listActs',
        async () => ['act'],
        () => Promise.reject(failure('BACKEND_ERROR')),
      ),
    ).toEqual(['act']);
    expect(await next()).toMatchObject({ result: 'secondary_error', code: 'BACKEND_ERROR' });
    // A secondary that throws before returning a promise is held the same way.
    expect(
      await runner.run(
        'listActs',
        async () => ['act'],
        () => {
          throw new Error('boom');
        },
      ),
    ).toEqual(['act']);
    expect(await next()).toMatchObject({ result: 'secondary_error', code: 'INTERNAL_SERVER_ERROR' });
  });

  it('a slow secondary does not delay the answer; past its bound it counts as secondary_error', async () => {
    const { runner, next, seen } = setup({ timeoutMs: 100 });
    const startedAt = performance.now();
    const answer = await runner.run(
      'getCitizens',
      async () => 'fast',
      () => sleep(1_000).then(() => 'slow'),
    );
    const elapsed = performance.now() - startedAt;
    expect(answer).toBe('fast');
    expect(elapsed).toBeLessThan(50);
    expect(seen).toEqual([]);
    const event = await next();
    expect(event).toMatchObject({ result: 'secondary_error', code: 'SHADOW_TIMEOUT' });
    expect(event.secondaryDurationMs).toBeUndefined();
    // Its slot stays taken until the slow call really ends.
    expect(runner.inFlight()).toBe(1);
  });

  it('skips the shadow call beyond the in-flight cap, and counts it', async () => {
    const { runner, next } = setup({ maxInFlight: 1 });
    let secondaries = 0;
    const slow = () => {
      secondaries += 1;
      return sleep(100).then(() => 1);
    };
    await Promise.all([runner.run('getAct', async () => 1, slow), runner.run('getAct', async () => 1, slow)]);
    expect(secondaries).toBe(1);
    expect((await next()).result).toBe('skipped');
    expect((await next()).result).toBe('match');
  });

  it('a failing primary fails the request as it would without shadowing: primary_error', async () => {
    const { runner, next } = setup();
    await expect(
      runner.run(
        'getAct',
        () => Promise.reject(failure('BACKEND_ERROR')),
        async () => 1,
      ),
    ).rejects.toMatchObject({ code: 'BACKEND_ERROR' });
    expect(await next()).toMatchObject({ result: 'primary_error', code: 'BACKEND_ERROR' });
  });
});
