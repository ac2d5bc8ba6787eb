import { describe, expect, it } from 'vitest';
import { decideCheckpoint, type CheckpointDecision } from './decide-checkpoint.js';

const hashes = ['a', 'b'].map((c) => c.repeat(64));
const seqs = [0, 1, 2, 5, 1_000_000];

/** The rule restated as a table: what each (last, next) pair must give, derived independently of the code. */
function expected(last: { seq: number; hash: string } | undefined, next: { seq: number; hash: string }): CheckpointDecision['kind'] {
  if (!last) return 'extend';
  if (next.seq > last.seq) return 'extend';
  if (next.seq < last.seq) return 'rollback';
  return next.hash === last.hash ? 'repeat' : 'fork';
}

// Every pair of (seq, hash) points, and none witnessed yet: 1 + 10 × 10 … 110 cases.
const points = seqs.flatMap((seq) => hashes.map((hash) => ({ seq, hash })));
const cases = [undefined, ...points].flatMap((last) => points.map((next) => [last, next] as const));

describe('the witness accepts only what extends the log', () => {
  it.each(cases.map(([last, next]) => [last ? `${last.seq}/${last.hash[0]}` : 'nothing', `${next.seq}/${next.hash[0]}`, last, next, expected(last, next)] as const))(
    'witnessed %s, then %s',
    (_l, _n, last, next, kind) => {
      const decision = decideCheckpoint(last, next);
      expect(decision.kind).toBe(kind);
      if (decision.kind === 'rollback' || decision.kind === 'fork') expect(decision.reason).toMatch(/^seq \d+ /);
    },
  );

  it('covers every outcome', () => {
    expect(new Set(cases.map(([last, next]) => expected(last, next)))).toEqual(new Set(['extend', 'repeat', 'rollback', 'fork']));
  });

  it('names a chain restarted at 0 a rollback', () => {
    expect(decideCheckpoint({ seq: 40, hash: hashes[0]! }, { seq: 0, hash: '0'.repeat(64) })).toMatchObject({ kind: 'rollback', reason: expect.stringContaining('behind seq 40') });
  });
});
