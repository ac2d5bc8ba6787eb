/**
 * SQL that is true when the cursor `after` comes after `before`: cursors are decimal digits, padded or not
 * (`events/cursor.ts`), so leading zeros are dropped, then the longer number is the larger, and digits of equal
 * length compare as text. Works in SQLite and PostgreSQL alike, and never fails on a malformed value.
 */
export function cursorAfterSql(after: string, before: string): string {
  const digits = (x: string) => `ltrim(${x}, '0')`;
  return `(length(${digits(after)}) > length(${digits(before)}) OR (length(${digits(after)}) = length(${digits(before)}) AND ${digits(after)} > ${digits(before)}))`;
}

/** The one consumer of the event stream that fans out to webhooks (a row, so another could be added). */
export const fanOutConsumer = 'webhook-fan-out';
