import { describe, expect, it } from 'vitest';
import type { Webhook } from '../store/index.js';
import { decideAfterAttempt } from './decide-after-attempt.js';

const webhook = (failingSince: number | null): Webhook => ({
  id: 'wh_1',
  ownerSubject: 'integrateur',
  url: 'https://example.org/hook',
  description: null,
  eventTypes: ['CREATED'],
  ministries: ['ENERGY'],
  includeOwnerNiu: false,
  sealedSecret: 'sealed',
  state: 'ENABLED',
  disabledReason: null,
  disabledAt: null,
  failingSince,
  createdAt: 0,
});

const schedules = [[0], [0, 10], [0, 5_000, 300_000, 1_800_000], [0, 1, 2, 3, 4, 5, 6, 7]];
const ok = { statusCode: 204, error: null, durationMs: 3 };
const failed = { statusCode: 503, error: 'HTTP 503', durationMs: 3 };
const day = 86_400_000;

describe('decideAfterAttempt', () => {
  for (const scheduleMs of schedules) {
    const policy = { scheduleMs, disableAfterMs: 5 * day };
    for (let attempt = 1; attempt <= scheduleMs.length + 1; attempt += 1) {
      it(`schedule [${scheduleMs.join(',')}], attempt ${attempt}: a failure waits the next delay, or gives up past the schedule`, () => {
        const at = 1_000_000;
        const { outcome } = decideAfterAttempt(failed, attempt, webhook(at - 1000), at, policy);
        const next = scheduleMs[attempt];
        expect(outcome).toEqual(next === undefined ? { state: 'FAILED' } : { state: 'PENDING', nextAttemptAt: at + next });
      });
      it(`schedule [${scheduleMs.join(',')}], attempt ${attempt}: a success ends it`, () => {
        expect(decideAfterAttempt(ok, attempt, webhook(null), 5, policy).outcome).toEqual({ state: 'SUCCEEDED' });
      });
    }
  }

  it('a success heals a failing webhook; a healthy one is left alone', () => {
    const policy = { scheduleMs: [0, 10], disableAfterMs: day };
    expect(decideAfterAttempt(ok, 1, webhook(100), 200, policy).health).toEqual({ failingSince: null });
    expect(decideAfterAttempt(ok, 1, webhook(null), 200, policy).health).toBeNull();
  });

  it('the first failure starts the streak; later ones keep its start', () => {
    const policy = { scheduleMs: [0, 10], disableAfterMs: day };
    expect(decideAfterAttempt(failed, 1, webhook(null), 200, policy).health).toEqual({ failingSince: 200 });
    expect(decideAfterAttempt(failed, 1, webhook(150), 200, policy).health).toBeNull();
  });

  it.each([
    [0, 0, true],
    [day - 1, day, false],
    [day, day, true],
    [3 * day, day, true],
  ])('failing for %i ms with disableAfterMs %i: disabled %s, with a French notice naming the last error', (failingFor, disableAfterMs, disabled) => {
    const at = 10 * day;
    const decision = decideAfterAttempt(failed, 1, webhook(failingFor === 0 ? null : at - failingFor), at, { scheduleMs: [0, 10, 20], disableAfterMs });
    if (disabled) {
      expect(decision.outcome).toEqual({ state: 'FAILED' });
      expect(decision.health?.disable?.at).toBe(at);
      expect(decision.health?.disable?.reason).toMatch(/^Désactivé automatiquement : aucune livraison réussie depuis le .+ \(dernière erreur : HTTP 503\)/);
    } else {
      expect(decision.health?.disable).toBeUndefined();
      expect(decision.outcome.state).toBe('PENDING');
    }
  });
});
