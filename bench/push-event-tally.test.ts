import { describe, expect, it } from 'vitest';
import { createEventTally } from './push-event-tally.js';

const event = (cursor: string, reference: string, type = 'STATUS_CHANGED', status = 'IN_PROGRESS') => ({ cursor, type, reference, status });

describe('event tally', () => {
  it('times each change to its STATUS_CHANGED and completes it once every expected type arrived', () => {
    const tally = createEventTally();
    tally.expect({ reference: 'A', status: 'ACTION_REQUIRED', types: ['STATUS_CHANGED', 'ACTION_REQUIRED'], startedMs: 100 });
    tally.expect({ reference: 'B', status: 'IN_PROGRESS', types: ['STATUS_CHANGED'], startedMs: 200 });
    expect(tally.receive('s1', event('1', 'A', 'STATUS_CHANGED', 'ACTION_REQUIRED'), 1_100, 'sse')).toBe(false);
    expect(tally.isPending('A')).toBe(true);
    expect(tally.receive('s1', event('2', 'A', 'ACTION_REQUIRED', 'ACTION_REQUIRED'), 1_101, 'sse')).toBe(true);
    expect(tally.receive('s2', event('3', 'B'), 450, 'ws')).toBe(true);
    expect(tally.pendingCount).toBe(0);
    expect(tally.result()).toEqual({ completed: 2, latenciesMs: [1_000, 250], latenciesByGroup: { sse: [1_000], ws: [250] }, missed: 0, duplicated: 0, unexpected: 0, received: 3 });
  });

  it('counts a cursor received twice, and a type received twice for one change, as duplicates', () => {
    const tally = createEventTally();
    tally.expect({ reference: 'A', status: 'ACTION_REQUIRED', types: ['STATUS_CHANGED', 'ACTION_REQUIRED'], startedMs: 0 });
    tally.receive('s1', event('1', 'A', 'STATUS_CHANGED', 'ACTION_REQUIRED'), 10);
    tally.receive('s1', event('1', 'A', 'STATUS_CHANGED', 'ACTION_REQUIRED'), 11);
    tally.receive('s1', event('2', 'A', 'STATUS_CHANGED', 'ACTION_REQUIRED'), 12);
    // Another subscriber may well receive the same cursor: not a duplicate.
    tally.receive('s2', event('1', 'A', 'STATUS_CHANGED', 'ACTION_REQUIRED'), 13);
    expect(tally.result()).toMatchObject({ duplicated: 3, completed: 0, latenciesMs: [10] });
  });

  it('expires what did not come as missed, and counts later or foreign events as unexpected', () => {
    const tally = createEventTally();
    tally.expect({ reference: 'A', status: 'ACTION_REQUIRED', types: ['STATUS_CHANGED', 'ACTION_REQUIRED'], startedMs: 0 });
    tally.expect({ reference: 'B', status: 'REJECTED', types: ['STATUS_CHANGED'], startedMs: 500 });
    tally.receive('s1', event('1', 'A', 'STATUS_CHANGED', 'ACTION_REQUIRED'), 100);
    expect(tally.expire(1_000, 600)).toEqual(['A']);
    expect(tally.isPending('B')).toBe(true);
    tally.receive('s1', event('2', 'A', 'ACTION_REQUIRED', 'ACTION_REQUIRED'), 1_001);
    // B's event with another status is not B's change.
    tally.receive('s1', event('3', 'B', 'STATUS_CHANGED', 'SUBMITTED'), 1_002);
    tally.receive('s1', event('4', 'C'), 1_003);
    expect(tally.expire(Number.POSITIVE_INFINITY, 0)).toEqual(['B']);
    expect(tally.result()).toMatchObject({ missed: 2, unexpected: 3, completed: 0, received: 4 });
  });

  it('refuses a second pending change on one reference, and forgets a cancelled one', () => {
    const tally = createEventTally();
    tally.expect({ reference: 'A', status: 'IN_PROGRESS', types: ['STATUS_CHANGED'], startedMs: 0 });
    expect(() => tally.expect({ reference: 'A', status: 'SUBMITTED', types: ['STATUS_CHANGED'], startedMs: 1 })).toThrow(/already has a change pending/);
    tally.cancel('A');
    expect(tally.isPending('A')).toBe(false);
    tally.expect({ reference: 'A', status: 'SUBMITTED', types: ['STATUS_CHANGED'], startedMs: 1 });
    expect(tally.expire(Number.POSITIVE_INFINITY, 0)).toEqual(['A']);
    expect(tally.result().missed).toBe(1);
  });
});
