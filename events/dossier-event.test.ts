import { describe, expect, it } from 'vitest';
import { compareCursors, dossierEventSchema } from './index.js';

const event = {
  cursor: '000000000042',
  type: 'STATUS_CHANGED',
  reference: 'CEET-2026-000123',
  ownerNiu: '1000000001',
  ministry: 'ENERGY',
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT',
  status: 'IN_PROGRESS',
  ministryStatus: 'EN_COURS',
  previousStatus: 'SUBMITTED',
  at: '2026-12-06T04:00:00.000Z',
};

describe('compareCursors', () => {
  const pairs: [string, string, number][] = [
    ['000000000001', '000000000002', -1],
    ['000000000010', '000000000009', 1],
    ['000000000042', '42', 0],
    ['9', '000000000010', -1],
    ['1000000000000', '999999999999', 1],
    ['0', '000000000000', 0],
  ];
  it.each(pairs)('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareCursors(a, b))).toBe(sign);
    expect(Math.sign(compareCursors(b, a))).toBe(-sign || 0);
  });
});

describe('dossierEventSchema', () => {
  it('parses an event of the contract', () => {
    expect(dossierEventSchema.parse(event)).toEqual(event);
    expect(dossierEventSchema.parse({ ...event, type: 'CREATED', previousStatus: null, ministryStatus: null })).toMatchObject({ previousStatus: null });
  });

  it.each([
    ['cursor', 'abc'],
    ['type', 'DELETED'],
    ['ministry', 'DEFENCE'],
    ['system', 'unknown'],
    ['status', 'LOST'],
    ['at', 'yesterday'],
    ['ownerNiu', ''],
  ])('refuses a bad %s', (field, value) => {
    expect(dossierEventSchema.safeParse({ ...event, [field]: value }).success).toBe(false);
  });
});
