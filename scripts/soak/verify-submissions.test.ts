import { describe, expect, it } from 'vitest';
import type { PlannedSubmission } from './plan-submissions.js';
import type { SubmissionOutcome } from './submit-with-retries.js';
import { verifySubmissions } from './verify-submissions.js';

const planned = (index: number): PlannedSubmission => ({
  index,
  system: 'ceet',
  applicantNiu: '123456789012',
  operation: 'RequestElectricityConnection',
  field: 'requestElectricityConnection',
  input: {},
  idempotencyKey: `soak-1-${index}`,
  externalReference: `GCH-CEET-${String(index).padStart(20, '0')}`,
});
const accepted = (index: number, reference: string): SubmissionOutcome => ({
  planned: planned(index),
  result: 'accepted',
  reference,
  statusAtAcceptance: reference.startsWith('GCH-') ? 'QUEUED' : 'SUBMITTED',
  attempts: 1,
  retryCauses: [],
});
const ref = (index: number) => planned(index).externalReference;

describe('verifySubmissions', () => {
  it('passes submissions filed exactly once under the reference the client got', () => {
    const legacy = new Map([
      [ref(0), ['CEET-2026-000001']],
      [ref(1), ['CEET-2026-000002']],
    ]);
    const v = verifySubmissions([accepted(0, 'CEET-2026-000001'), accepted(1, ref(1))], legacy, new Map());
    expect(v).toMatchObject({ delivered: 2, lost: [], duplicated: [], ghosts: [], mismatched: [] });
  });

  it('finds an accepted submission absent from its legacy system, with its status after the drain', () => {
    const v = verifySubmissions([accepted(0, ref(0))], new Map(), new Map([[ref(0), 'REJECTED']]));
    expect(v.lost).toHaveLength(1);
    expect(v.lost[0]?.finalStatus).toBe('REJECTED');
  });

  it('finds a submission filed twice, whatever its client was told', () => {
    const abandoned: SubmissionOutcome = { planned: planned(1), result: 'abandoned', attempts: 9, retryCauses: [] };
    const legacy = new Map([
      [ref(0), ['CEET-2026-000001', 'CEET-2026-000009']],
      [ref(1), ['CEET-2026-000002', 'CEET-2026-000003']],
    ]);
    const v = verifySubmissions([accepted(0, 'CEET-2026-000001'), abandoned], legacy, new Map());
    expect(v.duplicated.map((f) => f.outcome.planned.index)).toEqual([0, 1]);
  });

  it('finds a refused submission that was filed all the same, and an abandoned one filed once is allowed', () => {
    const refused: SubmissionOutcome = { planned: planned(0), result: 'refused', attempts: 1, retryCauses: [], refusal: { code: 'BAD_USER_INPUT', message: 'non' } };
    const abandoned: SubmissionOutcome = { planned: planned(1), result: 'abandoned', attempts: 9, retryCauses: [] };
    const legacy = new Map([
      [ref(0), ['CEET-2026-000001']],
      [ref(1), ['CEET-2026-000002']],
    ]);
    const v = verifySubmissions([refused, abandoned], legacy, new Map());
    expect(v.ghosts).toHaveLength(1);
    expect(v.abandonedButFiled).toBe(1);
  });

  it('finds a reference the legacy record or the expected Guichet reference contradicts', () => {
    const legacy = new Map([
      [ref(0), ['CEET-2026-000001']],
      [ref(1), ['CEET-2026-000002']],
    ]);
    const v = verifySubmissions([accepted(0, 'CEET-2026-000777'), accepted(1, 'GCH-CEET-FFFFFFFFFFFFFFFFFFFF')], legacy, new Map());
    expect(v.mismatched).toHaveLength(2);
  });
});
