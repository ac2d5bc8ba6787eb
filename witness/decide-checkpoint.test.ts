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

describe('a shared log (several writers of one chain) takes late checkpoints that agree with what was signed', () => {
  const [a, b] = hashes as [string, string];
  const last = { seq: 40, hash: a };
  it.each<[string, { seq: number; hash: string }, { seq: number; hash: string } | undefined, CheckpointDecision['kind']]>([
    ['further along', { seq: 41, hash: b }, undefined, 'extend'],
    ['the last again', { seq: 40, hash: a }, undefined, 'repeat'],
    ['the last with another hash', { seq: 40, hash: b }, undefined, 'fork'],
    ['a point signed before, same hash', { seq: 20, hash: b }, { seq: 20, hash: b }, 'earlier'],
    ['a point signed before, another hash', { seq: 20, hash: a }, { seq: 20, hash: b }, 'fork'],
    ['a point never signed (the next signed one is further)', { seq: 20, hash: a }, { seq: 30, hash: b }, 'superseded'],
    ['a point never signed, nothing signed after it but the last', { seq: 0, hash: '0'.repeat(64) }, undefined, 'superseded'],
  ])('%s', (_name, next, signedAtSeq, kind) => {
    expect(decideCheckpoint(last, next, { shared: true, ...(signedAtSeq ? { signedAtSeq } : {}) }).kind).toBe(kind);
  });

  it('a log not declared shared keeps the strict rule', () => {
    expect(decideCheckpoint(last, { seq: 20, hash: b }, { signedAtSeq: { seq: 20, hash: b } }).kind).toBe('rollback');
  });
});
