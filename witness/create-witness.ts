import type { JSONWebKeySet } from 'jose';
import { checkpointDigest, type CheckpointSubmission } from './client/index.js';
import type { Logger } from '../lib/log/index.js';
import { decideCheckpoint } from './decide-checkpoint.js';
import type { CheckpointSigner, WitnessKeyring } from './signing/index.js';
import { CheckpointConflictError, type CheckpointAlarm, type CheckpointStore, type WitnessedCheckpoint } from './store/index.js';

/** What `submit` answers. */
export type WitnessAnswer =
  /** `superseded`: a shared log's checkpoint behind the last, answered with the last (further than the one sent). */
  | { readonly kind: 'accepted'; readonly created: boolean; readonly checkpoint: WitnessedCheckpoint; readonly superseded?: true }
  | { readonly kind: 'refused'; readonly error: 'rollback' | 'fork'; readonly reason: string; readonly witnessed: WitnessedCheckpoint };

export interface Witness {
  /** Applies the rule, then signs and keeps the checkpoint, or refuses it and raises an alarm. */
  submit(checkpoint: CheckpointSubmission): Promise<WitnessAnswer>;
  latest(log: string): Promise<WitnessedCheckpoint | undefined>;
  list(log: string, afterSeq: number, limit: number): Promise<readonly WitnessedCheckpoint[]>;
  alarms(log: string, limit: number): Promise<readonly CheckpointAlarm[]>;
  /** The current key and every key it ever signed with (the file's and the store's), for verifiers. */
  jwks(): Promise<JSONWebKeySet>;
}

export interface WitnessOptions {
  readonly store: CheckpointStore;
  readonly keyring: WitnessKeyring;
  readonly signer: CheckpointSigner;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** Concurrent submits of one log: the store's atomic append decides, the loser tries again on the new state. */
const maxAttempts = 5;

export async function createWitness({ store, keyring, signer, log, now = () => new Date() }: WitnessOptions): Promise<Witness> {
  // Every key of the file joins the store's list: a key dropped from the file later still verifies what it signed.
  for (const jwk of keyring.publicJwks) if (typeof jwk.kid === 'string') await store.rememberKey({ kid: jwk.kid, publicJwk: jwk });

  const submitOnce = async (checkpoint: CheckpointSubmission): Promise<WitnessAnswer | undefined> => {
    const last = await store.latest(checkpoint.log);
    const shared = checkpoint.shared === true;
    // A shared log told of a point behind its last: what was signed exactly there, if anything, decides.
    const signedAt = shared && last && checkpoint.seq < last.seq ? (await store.list(checkpoint.log, { afterSeq: checkpoint.seq - 1, limit: 1 }))[0] : undefined;
    const decision = decideCheckpoint(last, checkpoint, { shared, ...(signedAt ? { signedAtSeq: signedAt } : {}) });
    if (decision.kind === 'repeat' && last) return { kind: 'accepted', created: false, checkpoint: last };
    if (decision.kind === 'earlier' && signedAt) return { kind: 'accepted', created: false, checkpoint: signedAt };
    if (decision.kind === 'superseded' && last) {
      log.debug({ log: checkpoint.log, seq: checkpoint.seq, witnessedSeq: last.seq }, 'checkpoint of a shared log behind the last: answered with the last');
      return { kind: 'accepted', created: false, checkpoint: last, superseded: true };
    }
    if ((decision.kind === 'rollback' || decision.kind === 'fork') && last) {
      const alarm: CheckpointAlarm = {
        log: checkpoint.log,
        at: now().toISOString(),
        kind: decision.kind,
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        witnessedSeq: last.seq,
        witnessedHash: last.hash,
        reason: decision.reason,
      };
      await store.recordAlarm(alarm);
      log.error({ log: checkpoint.log, kind: decision.kind, seq: checkpoint.seq, witnessedSeq: last.seq }, `checkpoint refused: ${decision.reason}`);
      return { kind: 'refused', error: decision.kind, reason: decision.reason, witnessed: last };
    }
    const witnessedAt = now().toISOString();
    const n = (last?.n ?? 0) + 1;
    const jws = await signer.sign({ log: checkpoint.log, seq: checkpoint.seq, hash: checkpoint.hash, witnessedAt, n, prev: last ? checkpointDigest(last.jws) : null });
    const signed: WitnessedCheckpoint = { log: checkpoint.log, n, seq: checkpoint.seq, hash: checkpoint.hash, witnessedAt, kid: signer.kid, jws };
    try {
      await store.append(signed);
    } catch (error) {
      if (error instanceof CheckpointConflictError) return undefined;
      throw error;
    }
    log.debug({ log: checkpoint.log, seq: checkpoint.seq, n }, 'checkpoint witnessed');
    return { kind: 'accepted', created: true, checkpoint: signed };
  };

  return {
    async submit(checkpoint) {
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        const answer = await submitOnce(checkpoint);
        if (answer) return answer;
      }
      throw new Error(`checkpoint of ${checkpoint.log} kept losing to concurrent appends`);
    },
    latest: (name) => store.latest(name),
    list: (name, afterSeq, limit) => store.list(name, { afterSeq, limit }),
    alarms: (name, limit) => store.alarms(name, { limit }),
    async jwks() {
      const known = await store.publicKeys();
      const kids = new Set(keyring.publicJwks.map((jwk) => jwk.kid));
      return { keys: [...keyring.publicJwks, ...known.filter((key) => !kids.has(key.kid)).map((key) => key.publicJwk)] };
    },
  };
}
