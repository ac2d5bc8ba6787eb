import { describe, expect, it } from 'vitest';
import { compareCursors, CURSOR_WIDTH, formatCursor, isCursor, parseCursor } from './cursor.js';
import { dossierEventSchema } from './dossier-event.js';

describe('cursors', () => {
  it('formats zero-padded to 12 digits, wider only past a trillion', () => {
    expect(formatCursor(42)).toBe('000000000042');
    expect(formatCursor(0)).toBe('000000000000');
    expect(formatCursor(10n ** 12n)).toBe('1000000000000');
    expect(formatCursor(42).length).toBe(CURSOR_WIDTH);
    expect(() => formatCursor(-1)).toThrow(RangeError);
  });

  it('parses decimal digits only, padded or not', () => {
    expect(parseCursor('000000000042')).toBe(42n);
    expect(parseCursor('42')).toBe(42n);
    for (const bad of ['', '-1', '4.2', 'abc', ' 42', '1e3', '0x10', '12345678901234567890']) {
      expect(parseCursor(bad)).toBeNull();
      expect(isCursor(bad)).toBe(false);
    }
  });

  const sequences = [0, 1, 9, 10, 41, 42, 99, 100, 999_999_999_999, 1_000_000_000_000, 1_000_000_000_001];
  it.each(sequences.flatMap((a) => sequences.map((b) => [a, b] as const)))('compares %i with %i as numbers, padding or not', (a, b) => {
    const expected = Math.sign(a - b);
    expect(Math.sign(compareCursors(formatCursor(a), formatCursor(b)))).toBe(expected);
    expect(Math.sign(compareCursors(String(a), formatCursor(b)))).toBe(expected);
    // Same width: string order is cursor order (what the contract promises clients).
    if (formatCursor(a).length === formatCursor(b).length) expect(Math.sign(formatCursor(a).localeCompare(formatCursor(b)))).toBe(expected);
  });

  it('refuses to compare what is not a cursor', () => {
    expect(() => compareCursors('x', '1')).toThrow(RangeError);
  });
});

describe('dossierEventSchema', () => {
  const event = {
    cursor: '000000000042',
    type: 'STATUS_CHANGED',
    reference: 'CEET-2026-000123',
    ownerNiu: '123456789012',
    ministry: 'ENERGY',
    system: 'ceet',
    procedure: 'CEET-RACCORDEMENT-BT',
    status: 'ACTION_REQUIRED',
    ministryStatus: 'Devis émis',
    previousStatus: 'IN_PROGRESS',
    at: '2026-11-20T10:00:00.000Z',
  };

  it('parses an event and drops unknown fields', () => {
    expect(dossierEventSchema.parse({ ...event, extra: 1 })).toEqual(event);
  });

  it.each([
    ['cursor', 'abc'],
    ['type', 'DELETED'],
    ['ministry', 'FINANCE'],
    ['system', 'sap'],
    ['status', 'DONE'],
    ['previousStatus', 'DONE'],
    ['at', 'yesterday'],
    ['ownerNiu', ''],
  ])('refuses a bad %s', (field, value) => {
    expect(dossierEventSchema.safeParse({ ...event, [field]: value }).success).toBe(false);
  });
});
