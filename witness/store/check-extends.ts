import type { WitnessedCheckpoint } from './checkpoint-store.js';

/** Why `next` may not follow `last` in a store (undefined when it may): every implementation applies this rule. */
export function checkExtends(last: Pick<WitnessedCheckpoint, 'n' | 'seq'> | undefined, next: Pick<WitnessedCheckpoint, 'n' | 'seq'>): string | undefined {
  const expectedN = (last?.n ?? 0) + 1;
  if (next.n !== expectedN) return `expected checkpoint n ${expectedN}, got ${next.n}`;
  if (last && next.seq <= last.seq) return `seq ${next.seq} does not go past seq ${last.seq}`;
  return undefined;
}
