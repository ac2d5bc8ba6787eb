import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { errorMessages } from '../../schema/index.js';
import { userInputError } from './user-input-error.js';

const keyPattern = /^[A-Za-z0-9._:-]{8,128}$/;

/** Rejects keys that cannot be a client's deliberate idempotency key. */
export function assertIdempotencyKey(key: string): void {
  if (!keyPattern.test(key)) {
    throw userInputError('La clé d’idempotence doit compter 8 à 128 caractères parmi lettres, chiffres et . _ : -', 'idempotencyKey');
  }
}

/**
 * The reference Guichet gives the legacy system for one submission: the same (procedure, citizen, key) always
 * yields the same reference, so a retry finds the first submission instead of making a second one.
 */
export function externalReferenceFor(procedure: string, niu: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${procedure}\u0000${niu}\u0000${idempotencyKey}`).digest('hex');
  return `GCH-${digest.slice(0, 20).toUpperCase()}`;
}

interface Flight<R> {
  readonly record: R;
  readonly replayed: boolean;
}

const inFlight = new Map<string, Promise<Flight<unknown>>>();

export interface IdempotentSubmission<R> {
  readonly externalReference: string;
  /** Looks the submission up in the legacy system by its external reference. */
  readonly find: () => Promise<R | null>;
  /** The legacy POST: not idempotent, so only ever called after `find` came back empty. */
  readonly create: () => Promise<R>;
  /** Whether an existing submission is the same request (else the key was reused for another one). */
  readonly sameRequest: (existing: R) => boolean;
}

/**
 * Submits once per external reference. Concurrent duplicates in this process share one flight; later retries
 * reconcile with the legacy system's record. The legacy POSTs are not idempotent: this is what makes them so.
 */
export async function submitIdempotently<R>(submission: IdempotentSubmission<R>): Promise<R> {
  const { externalReference } = submission;
  const running = inFlight.get(externalReference) as Promise<Flight<R>> | undefined;
  const flight =
    running ??
    (async (): Promise<Flight<R>> => {
      const existing = await submission.find();
      if (existing) return { record: existing, replayed: true };
      return { record: await submission.create(), replayed: false };
    })().finally(() => inFlight.delete(externalReference));
  if (!running) inFlight.set(externalReference, flight);
  const { record, replayed } = await flight;
  if ((replayed || running) && !submission.sameRequest(record)) {
    throw new GraphQLError(errorMessages.IDEMPOTENCY_CONFLICT, { extensions: { code: 'IDEMPOTENCY_CONFLICT' } });
  }
  return record;
}
