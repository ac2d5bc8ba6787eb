import type { Submission } from './submission.js';

/** What a legacy system gives back for a submission: at least its graph reference (`CEET-2026-000123`…). */
export interface LegacyRecord {
  readonly reference: string;
}

/**
 * How one ministry's legacy system takes a stored submission, supplied per ministry from its adapter. The POST is
 * not idempotent; the pair is: `find` first, `create` only when `find` came back empty.
 */
export interface LegacyDelivery<R extends LegacyRecord> {
  /** Looks the submission up by its external reference. A read: safe to repeat after any failure. */
  find(submission: Submission): Promise<R | null>;
  /** The legacy POST, with `submission.payload` as input. Never called while `find` could still answer. */
  create(submission: Submission): Promise<R>;
}

export type DeliveryResult<R> =
  | { readonly ok: true; readonly record: R /** False when `find` found it: an earlier attempt got through. */; readonly created: boolean }
  | { readonly ok: false; readonly error: unknown /** A failed `create` may still have reached the legacy system. */; readonly stage: 'find' | 'create' };

/**
 * One reconciling delivery attempt. Because `find` always runs first, an attempt that died after the legacy POST
 * but before its result was recorded is found, not filed twice: this is the exactly-once guarantee.
 */
export async function deliverOnce<R extends LegacyRecord>(delivery: LegacyDelivery<R>, submission: Submission): Promise<DeliveryResult<R>> {
  let existing: R | null;
  try {
    existing = await delivery.find(submission);
  } catch (error) {
    return { ok: false, error, stage: 'find' };
  }
  if (existing) return { ok: true, record: existing, created: false };
  try {
    return { ok: true, record: await delivery.create(submission), created: true };
  } catch (error) {
    return { ok: false, error, stage: 'create' };
  }
}
