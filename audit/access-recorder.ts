import type { AccessEntry } from './audit-record.js';

/** Collects, within one subgraph request, whose personal data was served: the subgraph's half of the audit. */
export interface AccessRecorder {
  /** Says that this request read or wrote a citizen's data in a system. Repeats are kept once. */
  record(access: AccessEntry): void;
  /** What was recorded, in first-seen order. */
  entries(): readonly AccessEntry[];
}

/** One per request, in the subgraph's context; `accessReportPlugin()` reports it to the gateway. */
export function createAccessRecorder(): AccessRecorder {
  const seen = new Map<string, AccessEntry>();
  return {
    record({ niu, system, action }) {
      // Only the three fields travel: a caller's richer object never leaks extra data into the response.
      const key = `${niu}\u0000${system}\u0000${action}`;
      if (!seen.has(key)) seen.set(key, { niu, system, action });
    },
    entries: () => [...seen.values()],
  };
}
