import { CheckpointConflictError, type CheckpointAlarm, type CheckpointStore, type PublicKeyRecord, type WitnessedCheckpoint } from './checkpoint-store.js';
import { checkExtends } from './check-extends.js';

/** The same contract in memory: for tests, never for a witness that must outlive its process. */
export function createMemoryCheckpointStore(): CheckpointStore {
  const logs = new Map<string, WitnessedCheckpoint[]>();
  const alarms: CheckpointAlarm[] = [];
  const keys = new Map<string, PublicKeyRecord>();
  return {
    async latest(log) {
      const list = logs.get(log);
      return list?.[list.length - 1];
    },
    async list(log, { afterSeq, limit }) {
      return (logs.get(log) ?? []).filter((c) => c.seq > afterSeq).slice(0, limit);
    },
    async append(checkpoint) {
      const list = logs.get(checkpoint.log) ?? [];
      const problem = checkExtends(list[list.length - 1], checkpoint);
      if (problem) throw new CheckpointConflictError(problem);
      list.push(checkpoint);
      logs.set(checkpoint.log, list);
    },
    async recordAlarm(alarm) {
      alarms.push(alarm);
    },
    async alarms(log, { limit }) {
      return alarms
        .filter((a) => a.log === log)
        .reverse()
        .slice(0, limit);
    },
    async rememberKey(key) {
      if (!keys.has(key.kid)) keys.set(key.kid, key);
    },
    async publicKeys() {
      return [...keys.values()];
    },
    async close() {},
  };
}
