import type { LegacyDelivery } from '../index.js';

export interface FakeRecord {
  readonly reference: string;
  readonly externalReference: string;
  readonly payload: unknown;
}

/** Shaped like the adapters' AdapterError (read structurally by `classifyByCode`). */
export class FakeLegacyError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    readonly userMessage?: string,
    readonly retryAfterMs?: number,
  ) {
    super(`fake legacy: ${code}`);
    this.name = 'FakeLegacyError';
  }
}

export type LegacyMode = 'up' | 'down' | 'refusing' | 'overloaded' | 'timeout-after-create';

/**
 * A legacy system with a non-idempotent create, as the ministries have: filing the same external reference twice
 * makes two records, and the test counts them. `mode` injects the failure of the moment.
 */
export interface FakeLegacy {
  mode: LegacyMode;
  readonly delivery: LegacyDelivery<FakeRecord>;
  readonly records: FakeRecord[];
  readonly calls: { find: number; create: number };
  /** Records per external reference: exactly-once means every value is 1. */
  countsByExternalReference(): ReadonlyMap<string, number>;
  duplicates(): number;
  /** Makes the next creates wait for the returned release function (for "stop waits for the in-flight delivery"). */
  holdCreates(): { readonly started: Promise<void>; release(): void };
  /** Files a record directly, as if an earlier POST (of another process) had landed. */
  file(submission: { readonly externalReference: string; readonly payload: unknown }): FakeRecord;
}

export function createFakeLegacy(prefix = 'CEET-2026-'): FakeLegacy {
  const records: FakeRecord[] = [];
  const calls = { find: 0, create: 0 };
  let hold: { started: () => void; gate: Promise<void> } | undefined;

  const file = (submission: { readonly externalReference: string; readonly payload: unknown }): FakeRecord => {
    const record = { reference: `${prefix}${String(records.length + 1).padStart(6, '0')}`, externalReference: submission.externalReference, payload: submission.payload };
    records.push(record);
    return record;
  };

  const legacy: FakeLegacy = {
    mode: 'up',
    records,
    calls,
    delivery: {
      async find(submission) {
        calls.find += 1;
        if (legacy.mode === 'down') throw new FakeLegacyError('BACKEND_UNAVAILABLE', true);
        return records.find((r) => r.externalReference === submission.externalReference) ?? null;
      },
      async create(submission) {
        calls.create += 1;
        if (legacy.mode === 'down') throw new FakeLegacyError('BACKEND_UNAVAILABLE', true);
        if (legacy.mode === 'overloaded') throw new FakeLegacyError('BACKEND_UNAVAILABLE', true, undefined, 120_000);
        if (legacy.mode === 'refusing') throw new FakeLegacyError('BAD_USER_INPUT', false, 'Le code de commune est inconnu.');
        if (hold) {
          const { started, gate } = hold;
          started();
          await gate;
        }
        const record = file(submission);
        // The POST landed, but its answer never came back in time.
        if (legacy.mode === 'timeout-after-create') throw new FakeLegacyError('BACKEND_TIMEOUT', true);
        return record;
      },
    },
    countsByExternalReference() {
      const counts = new Map<string, number>();
      for (const r of records) counts.set(r.externalReference, (counts.get(r.externalReference) ?? 0) + 1);
      return counts;
    },
    duplicates() {
      return [...legacy.countsByExternalReference().values()].reduce((sum, n) => sum + n - 1, 0);
    },
    holdCreates() {
      let release = () => {};
      let started = () => {};
      const startedPromise = new Promise<void>((resolve) => (started = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      hold = { started, gate };
      return {
        started: startedPromise,
        release() {
          hold = undefined;
          release();
        },
      };
    },
    file,
  };
  return legacy;
}
