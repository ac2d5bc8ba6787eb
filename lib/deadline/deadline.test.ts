import { describe, expect, it } from 'vitest';
import { currentTrace, runInTrace } from '../trace/index.js';
import { currentDeadline, Deadline, runWithDeadline } from './index.js';

describe('Deadline', () => {
  it('counts down on its clock, past zero, and bounds nothing once released', () => {
    let now = 1_000;
    const deadline = Deadline.after(300, () => now);
    expect(deadline).toMatchObject({ totalMs: 300, expiresAt: 1_300 });
    expect(deadline.remainingMs()).toBe(300);
    now += 250;
    expect(deadline.remainingMs()).toBe(50);
    expect(deadline.expired).toBe(false);
    now += 100;
    expect(deadline.remainingMs()).toBe(-50);
    expect(deadline.expired).toBe(true);
    deadline.release();
    expect(deadline.remainingMs()).toBe(Infinity);
    expect(deadline.expired).toBe(false);
  });
});

describe('the request deadline in the trace scope', () => {
  it('follows the request through awaits and timers, keeps its trace, and is gone outside it', async () => {
    const deadline = Deadline.after(1_000);
    expect(currentDeadline()).toBeUndefined();
    await runInTrace({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }, () =>
      runWithDeadline(deadline, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(currentDeadline()).toBe(deadline);
        expect(currentTrace()).toMatchObject({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) });
      }),
    );
    expect(currentDeadline()).toBeUndefined();
  });

  it('opens a trace of its own when there is none', () => {
    const deadline = Deadline.after(1_000);
    runWithDeadline(deadline, () => {
      expect(currentTrace()?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(currentDeadline()).toBe(deadline);
    });
  });
});
