import { createHash } from 'node:crypto';
import type { DossierSystem } from '../../../schema/index.js';
import { userInputError } from '../input/user-input-error.js';

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
export function externalReferenceFor(system: DossierSystem, procedure: string, niu: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${procedure}\u0000${niu}\u0000${idempotencyKey}`).digest('hex');
  return `GCH-${system}-${digest.slice(0, 20).toUpperCase()}`;
}
