import type { Logger } from '../../lib/log/index.js';
import type { StoreHealth } from '../../lib/store-health/index.js';
import { CheckpointSignatureError, type CheckpointVerifier, type SignedCheckpoint, type WitnessClient } from '../../witness/client/index.js';
import type { AuditStore, AuditTrail } from '../audit-store.js';
import type { ChainTip } from '../chain.js';
import { AuditUnavailableError, type AuditState, type AuditTrailStatus } from './audit-state.js';
import { readCheckpointCopy, writeCheckpointCopy } from './checkpoint-copy.js';

/** The trail as the gateway writes it: opened against its witness, and saying where it stands. */
export interface GatewayAuditStore extends AuditStore {
  /** Opens the trail (a damaged one throws), then asks the witness; resolves with where the chain ends. */
  open(): Promise<ChainTip>;
  state(): Promise<AuditState>;
  /** The trail's database, when it has one: for the process's store-health registry (`/ready`, `/metrics`). */
  readonly health?: StoreHealth;
}

export interface WitnessedAuditStoreOptions {
  /** The trail itself: the file (one writer), or PostgreSQL (shared by every gateway replica). */
  readonly trail: AuditTrail;
  readonly witness: Pick<WitnessClient, 'submit' | 'latest'>;
  readonly verify: CheckpointVerifier;
  /** The log's name at the witness (AUDIT_LOG_ID). */
  readonly logId: string;
  /** Longest wait between an append and the checkpoint that reports it. */
  readonly checkpointIntervalMs: number;
  /** How long records may stay unwitnessed before appends are refused. */
  readonly maxLagMs: number;
  /** How many records may stay unwitnessed before appends are refused. */
  readonly maxLagRecords: number;
  /** Where to keep a copy of the last signed checkpoint (none when undefined). */
  readonly checkpointCopyPath?: string;
  readonly log: Logger;
  readonly now?: () => number;
}

/** Waits between start-up attempts to reach the witness. */
const vouchRetryMs = [250, 500, 1_000, 2_000, 5_000] as const;

/** Statuses an operator must resolve (restore the trail, then restart): nothing this process does undoes them. */
const terminal: ReadonlySet<AuditTrailStatus> = new Set(['behind-witness', 'forked', 'witness-refused']);

/**
 * A trail with a witness outside its own files. At start-up it asks the witness for the last checkpoint it signed
 * for this log and checks the trail holds it (that record, that hash): a trail cut, rolled back to an older copy,
 * wiped or restarted at 0 does not, and the store then refuses every append — and since the gateway serves no
 * personal data without its record, every personal-data answer fails closed. After appends it reports the chain
 * tip `{seq, hash}` at most every `checkpointIntervalMs`, and at shutdown.
 *
 * Witness down: at start-up nothing is vouched for, so appends wait for it (retrying in the background); later,
 * records may go unwitnessed for a bounded time and number (`maxLagMs`, `maxLagRecords`, as X-Road stops when
 * time-stamping has failed too long), then appends are refused until a checkpoint is taken again. A checkpoint the
 * witness refuses (the log would go back or fork) refuses appends at once.
 */
export function createWitnessedAuditStore(options: WitnessedAuditStoreOptions): GatewayAuditStore {
  const { trail, witness, verify, logId, checkpointIntervalMs, maxLagMs, maxLagRecords, checkpointCopyPath, log, now = Date.now } = options;
  let status: AuditTrailStatus = 'opening';
  let reason: string | undefined = 'the trail is being opened';
  let tip: ChainTip = { seq: 0, hash: '' };
  /** The last checkpoint the witness signed that this trail holds. */
  let witnessed: SignedCheckpoint | undefined;
  /** Records up to here are witnessed, or were when the trail was vouched for. */
  let coveredSeq = 0;
  /** True until the witness holds a checkpoint of this log at least as far as when it was vouched for. */
  let registrationDue = false;
  /** When the oldest record not yet witnessed was appended. */
  let unwitnessedSince: number | undefined;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let opened: Promise<void> | undefined;
  /** Appends under way (settled either way): close waits for them before the last checkpoint. */
  const pendingAppends = new Set<Promise<void>>();
  let closed = false;

  const set = (next: AuditTrailStatus, why?: string) => {
    if (status === next && reason === why) return;
    status = next;
    reason = why;
    const fields = { log: logId, auditSeq: tip.seq, witnessedSeq: witnessed?.seq ?? null, status };
    if (next === 'vouched') log.info(fields, 'audit trail vouched for by its witness');
    else if (next === 'awaiting-witness') log.warn({ ...fields, reason: why }, 'audit trail waiting for its witness: personal data refused');
    else log.error({ ...fields, reason: why }, 'audit trail not vouched for: personal data refused');
  };

  let probing: Promise<void> | undefined;
  /** The trail's server, when it has one and it did not answer: appends are still tried (and fail closed) meanwhile. */
  const storeDown = () => {
    const health = trail.health?.status();
    return health && !health.up ? health : undefined;
  };
  const snapshot = (): AuditState => {
    const down = storeDown();
    const why = down ? `the trail's ${down.engine} store does not answer: ${down.lastError ?? 'unknown error'}` : reason;
    return {
      status,
      accepting: status === 'vouched' && !down,
      ...((status === 'vouched' && !down) || why === undefined ? {} : { reason: why }),
      ...(trail.health ? { store: { engine: trail.health.status().engine, up: !down } } : {}),
      log: logId,
      seq: tip.seq,
      witnessedSeq: witnessed?.seq ?? null,
      ...(witnessed ? { witnessedAt: witnessed.witnessedAt } : {}),
    };
  };

  const shared = trail.shared === true;
  /** Compares a signed checkpoint with the trail; a mismatch is terminal. */
  const confront = async (checkpoint: SignedCheckpoint, source: string): Promise<boolean> => {
    if (checkpoint.log !== logId) throw new CheckpointSignatureError(`checkpoint of log ${checkpoint.log}, not ${logId}`);
    // A shared trail grows behind this writer's back: what another replica appended (and had witnessed) is in it.
    const held = checkpoint.seq > tip.seq && !shared ? undefined : await trail.hashAt(checkpoint.seq);
    if (held === undefined) {
      set('behind-witness', `the trail ends at seq ${tip.seq} but ${source} signed seq ${checkpoint.seq} on ${checkpoint.witnessedAt}: records cut, an older trail put back, or the trail wiped`);
      return false;
    }
    if (held !== checkpoint.hash) {
      set('forked', `record seq ${checkpoint.seq} is not the one ${source} signed on ${checkpoint.witnessedAt}: the trail was rewritten or forked`);
      return false;
    }
    return true;
  };

  const checkLag = () => {
    if (status !== 'vouched' && status !== 'witness-lagging') return;
    const records = tip.seq - coveredSeq;
    const ageMs = unwitnessedSince === undefined ? 0 : now() - unwitnessedSince;
    if (records >= maxLagRecords || ageMs > maxLagMs) {
      set('witness-lagging', `${records} record(s) not witnessed for ${Math.round(ageMs / 1000)} s (limits: ${maxLagRecords} records, ${maxLagMs} ms): the witness does not take checkpoints`);
    }
  };

  const needsCheckpoint = () => !closed && (status === 'vouched' || status === 'witness-lagging') && (tip.seq > coveredSeq || registrationDue);

  const earlyCheckpointRecords = Math.max(1, Math.floor(maxLagRecords / 2));

  // Only while the witness takes checkpoints: one that is failing gets one attempt per interval, never a tight loop.
  const earlyCheckpointDue = () => failures === 0 && tip.seq - coveredSeq >= earlyCheckpointRecords;

  const scheduleCheckpoint = () => {
    if (timer !== undefined && earlyCheckpointDue()) {
      // A checkpoint waiting for its interval is sent now instead.
      clearTimeout(timer);
      timer = undefined;
    }
    if (timer !== undefined || inFlight !== undefined || !needsCheckpoint()) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        inFlight = sendCheckpoint().finally(() => {
          inFlight = undefined;
          scheduleCheckpoint();
        });
      },
      // Half the record limit unwitnessed: at once, not at the interval — a busy trail (an agent's worklist puts
      // hundreds of records a second on it) would otherwise outrun the limit between two checkpoints and refuse.
      earlyCheckpointDue() ? 0 : Math.max(0, lastSentAt + checkpointIntervalMs - now()),
    );
    timer.unref();
  };

  const sendCheckpoint = async (): Promise<void> => {
    const sent = { seq: tip.seq, hash: tip.hash };
    lastSentAt = now();
    let signed: SignedCheckpoint;
    try {
      const outcome = await witness.submit({ log: logId, ...sent, ...(shared ? { shared: true } : {}) });
      if (outcome.kind === 'refused') {
        set('witness-refused', `the witness refused checkpoint seq ${sent.seq} (${outcome.error}): ${outcome.reason}`);
        return;
      }
      signed = await verify(outcome.checkpoint);
      if (signed.log !== logId || signed.seq < sent.seq || (signed.seq === sent.seq && signed.hash !== sent.hash)) throw new CheckpointSignatureError('the signed checkpoint is not the one sent');
      // Another replica's checkpoint, further along (a shared trail): it vouches for ours only if our trail holds it.
      if (signed.seq > sent.seq && !(await confront(signed, 'the witness'))) return;
    } catch (error) {
      failures += 1;
      // The first failure and then one in ten: a witness down for minutes must not flood the log.
      if (failures === 1 || failures % 10 === 0) log.warn({ err: error, log: logId, auditSeq: sent.seq, failures }, 'audit checkpoint not taken by the witness');
      checkLag();
      return;
    }
    failures = 0;
    if (witnessed === undefined || signed.seq >= witnessed.seq) witnessed = signed;
    coveredSeq = Math.max(coveredSeq, signed.seq);
    registrationDue = false;
    unwitnessedSince = tip.seq > coveredSeq ? lastSentAt : undefined;
    if (status === 'witness-lagging') set('vouched');
    if (checkpointCopyPath !== undefined) await writeCheckpointCopy(checkpointCopyPath, signed.jws).catch((error: unknown) => log.warn({ err: error }, 'copy of the signed checkpoint not written'));
  };

  /** One attempt to have the trail vouched for; retried in the background while the witness cannot be reached. */
  const vouch = async (attempt: number): Promise<void> => {
    if (closed || (status !== 'opening' && status !== 'awaiting-witness')) return;
    try {
      const jws = await witness.latest(logId);
      const latest = jws === undefined ? undefined : await verify(jws);
      if (latest && !(await confront(latest, 'the witness'))) return;
      witnessed = latest;
      // A shared trail may already be witnessed past this writer's tip (another replica's checkpoint).
      coveredSeq = Math.max(tip.seq, latest?.seq ?? 0);
      registrationDue = latest === undefined || latest.seq < tip.seq;
      set('vouched');
      scheduleCheckpoint();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      set('awaiting-witness', `the witness could not vouch for the trail yet: ${message}`);
      const delay = vouchRetryMs[Math.min(attempt, vouchRetryMs.length - 1)] ?? 5_000;
      const retry = setTimeout(() => void vouch(attempt + 1), delay);
      retry.unref();
    }
  };

  const openOnce = async () => {
    const end = await trail.open();
    tip = { seq: end.seq, hash: end.hash };
    if (checkpointCopyPath !== undefined) {
      // Evidence to refuse on, even with the witness unreachable (when its key is pinned); never to vouch on.
      const copy = await readCheckpointCopy(checkpointCopyPath).catch(() => undefined);
      const signed = copy === undefined ? undefined : await verify(copy).catch(() => undefined);
      if (signed && signed.log === logId && !(await confront(signed, 'the witness (local copy of its last checkpoint)'))) return;
    }
    await vouch(0);
  };

  const ensureOpen = () =>
    (opened ??= openOnce().catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));

  return {
    ...(trail.health ? { health: trail.health } : {}),
    async open() {
      await ensureOpen();
      return { seq: tip.seq, hash: tip.hash };
    },
    async state() {
      checkLag();
      // A replica out of the load balancer (not ready) gets no appends to find its store back: /ready probes it.
      if (storeDown() && trail.probe && !probing) {
        probing = trail
          .probe()
          .catch(() => undefined)
          .finally(() => {
            probing = undefined;
          });
      }
      return snapshot();
    },
    async append(entries) {
      if (entries.length === 0) return [];
      await ensureOpen();
      checkLag();
      if (status !== 'vouched') throw new AuditUnavailableError(snapshot());
      const appending = trail.append(entries);
      const settled = appending.then(
        () => undefined,
        () => undefined,
      );
      pendingAppends.add(settled);
      void settled.finally(() => pendingAppends.delete(settled));
      const records = await appending;
      const last = records[records.length - 1];
      if (last && last.seq > tip.seq) tip = { seq: last.seq, hash: last.hash };
      unwitnessedSince ??= now();
      scheduleCheckpoint();
      return records;
    },
    listForNiu: (niu, listOptions) => trail.listForNiu(niu, listOptions),
    verify: () => trail.verifyAgainst(witnessed ? [witnessed] : []),
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await inFlight;
      // Pending appends land first; then the last tip is reported, so a clean stop leaves nothing unwitnessed. The
      // trail closes last: on a shared trail, the witness may answer another replica's further checkpoint, which
      // is checked against the trail.
      await Promise.all(pendingAppends);
      if ((status === 'vouched' || status === 'witness-lagging') && tip.seq > coveredSeq) await sendCheckpoint();
      await trail.close();
    },
  };
}
