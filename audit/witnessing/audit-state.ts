/**
 * Where the trail stands with its witness:
 * - `opening`: the gateway is reading its trail;
 * - `awaiting-witness`: the witness has not been reached since start-up (retrying): the trail is not vouched for yet;
 * - `vouched`: the trail holds what the witness signed last; records are appended and reported;
 * - `witness-lagging`: the witness has not taken a checkpoint for longer than allowed (time or records);
 * - `behind-witness`: the trail ends before what the witness signed (cut, an older copy put back, wiped);
 * - `forked`: the trail holds another record where the witness signed one;
 * - `witness-refused`: the witness refused a checkpoint (it would take the log back, or fork it).
 * Only `vouched` accepts records; the last three need an operator (restore the trail, then restart).
 */
export type AuditTrailStatus = 'opening' | 'awaiting-witness' | 'vouched' | 'witness-lagging' | 'behind-witness' | 'forked' | 'witness-refused';

/** What `GET /ready` shows of the trail, and what decides whether personal data may be served. */
export interface AuditState {
  readonly status: AuditTrailStatus;
  /** Records may be appended, so personal data may be served. */
  readonly accepting: boolean;
  /** Why not, in one line (English, for operators); absent when accepting. */
  readonly reason?: string;
  /** The log's name at the witness. */
  readonly log: string;
  /** Last record of the local trail. */
  readonly seq: number;
  /** Last seq the witness signed for this log (null: none yet). */
  readonly witnessedSeq: number | null;
  readonly witnessedAt?: string;
  /** The trail's database (PostgreSQL), when it has one: whether it answered its last operation. */
  readonly store?: { readonly engine: string; readonly up: boolean };
}

/** Personal data withheld: the trail cannot record the access now, and says why. */
export class AuditUnavailableError extends Error {
  constructor(readonly state: AuditState) {
    super(`audit trail not accepting records (${state.status}): ${state.reason ?? 'unknown reason'}`);
    this.name = 'AuditUnavailableError';
  }
}
