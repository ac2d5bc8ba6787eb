import { AdapterError, type AdapterErrorCode, type LegacySystem } from '../../../../adapters/shared/index.js';

/** The part of a dossier the last-known wrappers care about. */
export interface FakeDossier {
  readonly reference: string;
  readonly applicantNiu: string;
  readonly status: string;
}

export const dossier = (reference: string, applicantNiu = '1234567890', status = 'SUBMITTED'): FakeDossier => ({ reference, applicantNiu, status });

export function adapterError(code: AdapterErrorCode, retryable = true, system: LegacySystem = 'ceet'): AdapterError {
  return new AdapterError({ code, system, operation: 'getRequests', retryable, message: `simulated ${code}` });
}

/** A clock the test moves by hand. */
export function fakeClock(startIso = '2026-03-02T08:00:00.000Z') {
  let now = Date.parse(startIso);
  return {
    clock: () => now,
    advance(ms: number) {
      now += ms;
    },
    iso: () => new Date(now).toISOString(),
  };
}

/** A legacy system in memory that can be told to fail; counts its calls. */
export function fakeSystem(records: readonly FakeDossier[]) {
  const data = new Map(records.map((record) => [record.reference, record]));
  let failure: unknown = null;
  const calls = { many: 0, list: 0 };
  const check = () => {
    if (failure !== null) throw failure;
  };
  return {
    data,
    calls,
    failWith(error: unknown) {
      failure = error;
    },
    recover() {
      failure = null;
    },
    async getMany(keys: readonly string[]): Promise<ReadonlyMap<string, FakeDossier>> {
      calls.many += 1;
      check();
      const found = new Map<string, FakeDossier>();
      for (const key of keys) {
        const record = data.get(key);
        if (record) found.set(key, record);
      }
      return found;
    },
    async listOf(niu: string): Promise<readonly FakeDossier[]> {
      calls.list += 1;
      check();
      return [...data.values()].filter((record) => record.applicantNiu === niu);
    },
  };
}
