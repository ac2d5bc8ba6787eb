import { describe, expect, it } from 'vitest';
import { classifyByCode } from './classify-failure.js';
import { createOutbox } from './create-outbox.js';
import { createMemorySubmissionStore } from './memory-submission-store.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { createFakeLegacy, type FakeRecord } from './test-support/fake-legacy.js';
import { newSubmission, silentLog } from './test-support/submission-fixtures.js';

describe('createOutbox', () => {
  it('wires the inline path and the forwarder to one store: QUEUED, then delivered once', async () => {
    const clock = createFakeClock();
    const legacy = createFakeLegacy();
    const store = createMemorySubmissionStore({ clock: clock.now });
    const outbox = createOutbox<FakeRecord>({
      store,
      system: 'ceet',
      delivery: legacy.delivery,
      classify: classifyByCode({ rejectCodes: ['BAD_USER_INPUT'] }),
      owner: 'subgraph-electricity@test',
      log: silentLog,
      clock: clock.now,
    });
    const { system: _system, ...submission } = newSubmission(1);

    legacy.mode = 'down';
    expect(await outbox.submit(submission)).toMatchObject({ kind: 'queued', submission: { system: 'ceet', state: 'queued' } });
    await store.enqueue(newSubmission(2, { system: 'rnec' }));
    expect(await outbox.backlog()).toEqual({ pending: 1, oldestPendingAgeMs: 0 });
    expect((await outbox.listForApplicant('100000000001')).map((s) => s.externalReference)).toEqual([submission.externalReference]);

    legacy.mode = 'up';
    clock.advance(60_000);
    expect(await outbox.forwarder.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await outbox.get(submission.externalReference)).toMatchObject({ state: 'delivered', legacyReference: 'CEET-2026-000001' });
    expect(await outbox.listForApplicant('100000000001')).toEqual([]);
    expect(await outbox.submit(submission)).toMatchObject({ kind: 'delivered', replayed: true });
    expect(legacy.calls.create).toBe(1);

    outbox.start();
    await Promise.all([outbox.close(), outbox.close()]);
    expect(outbox.forwarder.running).toBe(false);
    await expect(store.get(submission.externalReference)).rejects.toThrow(/closed/);
  });
});
