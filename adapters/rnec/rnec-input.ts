import { AdapterError, type PieceToSend } from '../shared/index.js';
import { MAX_PIECE_BYTES, MAX_PIECES_PER_DEPOSIT } from './rnec-port.js';

/** Checks of our callers' input, before any call: RNEC would refuse it anyway, slower and less clearly. */

const niuPattern = /^\d{12}$/;
const actNumberPattern = /^[NMD]-[A-Z0-9]+-\d{4}-\d{6}$/;
const referencePattern = /^RNEC-(\d{4}-\d{6})$/;
const requestNumberPattern = /^DC-(\d{4}-\d{6})$/;
const MAX_EXTERNAL_REFERENCE_LENGTH = 64;

function badInput(operation: string, message: string, userMessage: string): AdapterError {
  return new AdapterError({ code: 'BAD_USER_INPUT', system: 'rnec', operation, retryable: false, message, userMessage });
}

export function isNiu(value: string): boolean {
  return niuPattern.test(value);
}

export function checkNiu(operation: string, niu: string): string {
  if (!isNiu(niu)) throw badInput(operation, `malformed NIU ${JSON.stringify(niu)}`, 'Le NIU doit comporter exactement 12 chiffres.');
  return niu;
}

export function isActNumber(value: string): boolean {
  return actNumberPattern.test(value);
}

export function checkActNumber(operation: string, actNumber: string): string {
  if (!actNumberPattern.test(actNumber)) {
    throw badInput(operation, `malformed act number ${JSON.stringify(actNumber)}`, 'Numéro d’acte invalide (format attendu : N-GOLFE1-2019-004512).');
  }
  return actNumber;
}

export function checkCopies(operation: string, copies: number): number {
  if (!Number.isInteger(copies) || copies < 1 || copies > 10) throw badInput(operation, `copies out of range: ${copies}`, 'Le nombre de copies doit être compris entre 1 et 10.');
  return copies;
}

export function checkExternalReference(operation: string, reference: string): string {
  if (reference.trim() === '' || reference.length > MAX_EXTERNAL_REFERENCE_LENGTH) {
    throw badInput(operation, `invalid external reference ${JSON.stringify(reference)}`, `La référence externe doit comporter de 1 à ${MAX_EXTERNAL_REFERENCE_LENGTH} caractères.`);
  }
  return reference;
}

/** `RNEC-2026-000777` → RNEC's `DC-2026-000777`, or undefined for any other form. */
export function requestNumberOf(reference: string): string | undefined {
  const match = referencePattern.exec(reference);
  return match ? `DC-${match[1]}` : undefined;
}

export function checkReference(operation: string, reference: string): string {
  const number = requestNumberOf(reference);
  if (!number) throw badInput(operation, `not an RNEC reference: ${JSON.stringify(reference)}`, 'Référence de demande d’état civil invalide (format attendu : RNEC-2026-000777).');
  return number;
}

/** RNEC's `DC-2026-000777` → the graph's `RNEC-2026-000777`, or undefined if RNEC sent something else. */
export function referenceOf(requestNumber: string): string | undefined {
  const match = requestNumberPattern.exec(requestNumber);
  return match ? `RNEC-${match[1]}` : undefined;
}

/**
 * An ISO instant, rounded down to the minute: RNEC keeps minutes only, so its feed includes the minute of `since`
 * (a change may come twice, never missed). Both APIs are asked from the same minute, so they answer the same.
 */
export function checkSince(operation: string, since: string): Date {
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(since) ? Date.parse(since) : Number.NaN;
  if (Number.isNaN(ms)) throw badInput(operation, `invalid instant ${JSON.stringify(since)}`, 'Date invalide (format ISO 8601 attendu).');
  return new Date(Math.floor(ms / 60_000) * 60_000);
}

/** RNEC's limits and required fields on one deposit of pieces, checked before the (non-idempotent) call. */
export function checkPieces(operation: string, files: readonly PieceToSend[]): readonly PieceToSend[] {
  if (files.length === 0) throw badInput(operation, 'no piece to send', 'Aucune pièce à transmettre.');
  if (files.length > MAX_PIECES_PER_DEPOSIT) {
    throw badInput(operation, `${files.length} pieces, at most ${MAX_PIECES_PER_DEPOSIT}`, `L’état civil accepte au plus ${MAX_PIECES_PER_DEPOSIT} pièces par envoi.`);
  }
  for (const [index, file] of files.entries()) {
    if (file.kind.trim() === '' || file.filename.trim() === '' || file.mediaType.trim() === '') {
      throw badInput(operation, `piece ${index}: kind, filename and media type are required`, 'Chaque pièce doit avoir une nature, un nom de fichier et un type.');
    }
    if (file.bytes.length === 0 || file.bytes.length > MAX_PIECE_BYTES) {
      throw badInput(operation, `piece ${index}: ${file.bytes.length} bytes, expected 1 to ${MAX_PIECE_BYTES}`, `Chaque pièce doit peser de 1 octet à ${MAX_PIECE_BYTES / 1_000_000} Mo.`);
    }
  }
  return files;
}
