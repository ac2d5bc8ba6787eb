/** Digits of a formatted cursor: a trillion events before the width grows (and the comparison still holds then). */
export const CURSOR_WIDTH = 12;

const DECIMAL = /^[0-9]{1,19}$/;

/** Whether `value` is a cursor: decimal digits only (zero-padded or not). */
export function isCursor(value: string): boolean {
  return DECIMAL.test(value);
}

/** The cursor of the event numbered `sequence` (a non-negative safe integer), zero-padded: `42` → `000000000042`. */
export function formatCursor(sequence: number | bigint): string {
  const n = BigInt(sequence);
  if (n < 0n) throw new RangeError(`a cursor is not negative: ${n}`);
  return n.toString().padStart(CURSOR_WIDTH, '0');
}

/** The sequence number of a cursor, or null if it is not one. */
export function parseCursor(value: string): bigint | null {
  return isCursor(value) ? BigInt(value) : null;
}

/** Negative, zero or positive as `a` is before, at or after `b`; padding does not matter (`42` = `000000000042`). */
export function compareCursors(a: string, b: string): number {
  const x = parseCursor(a);
  const y = parseCursor(b);
  if (x === null || y === null) throw new RangeError(`not a cursor: ${x === null ? a : b}`);
  return x < y ? -1 : x > y ? 1 : 0;
}
