/**
 * What a caller filed in this request, per request context. A filer allowed to write but not to read
 * (`dossiers:write` alone) is shown exactly these objects — the receipt of its own filing — and no other record.
 */
const receipts = new WeakMap<object, WeakSet<object>>();

/** Marks `value` (what a filing mutation returns) as this request's receipt, and returns it. */
export function asReceipt<T extends object>(context: object, value: T): T {
  let filed = receipts.get(context);
  if (!filed) receipts.set(context, (filed = new WeakSet()));
  filed.add(value);
  return value;
}

export function isReceipt(context: unknown, value: unknown): boolean {
  if (typeof context !== 'object' || context === null || typeof value !== 'object' || value === null) return false;
  return receipts.get(context)?.has(value) ?? false;
}
