import type { PieceToSend, ReceivedPiece } from '../shared/index.js';
import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord } from './types.js';

/** The port operations, one call each to the register; what SOAP and REST both implement. */
export type RnecPortOperation =
  | 'person'
  | 'persons'
  | 'actsOf'
  | 'act'
  | 'fileCopyRequest'
  | 'copyRequest'
  | 'copyRequestsByExternalReference'
  | 'copyRequestsOf'
  | 'changedCopyRequests'
  | 'pieces'
  | 'sendPieces';

/**
 * One API of the civil registry (SOAP v1 or REST v2), one call per method, answers already clean. Arguments are
 * checked by the caller (createPortAdapter); every failure is an AdapterError. `operations` names each call as
 * the register counts it (`ConsulterPersonne`, `v2.consulterPersonne`), for errors, logs and metrics.
 */
export interface RnecPort {
  readonly operations: Readonly<Record<RnecPortOperation, string>>;
  person(niu: string): Promise<CitizenRecord>;
  /** At most MAX_NIU_PER_CALL NIUs; unknown ones are left out. */
  persons(nius: readonly string[]): Promise<readonly CitizenRecord[]>;
  actsOf(niu: string): Promise<readonly CivilActRecord[]>;
  act(actNumber: string): Promise<CivilActRecord>;
  /** Not idempotent at RNEC, whatever the API: never retried. */
  fileCopyRequest(input: { readonly niu: string; readonly actNumber: string; readonly copies: number; readonly externalReference: string }): Promise<CivilActCopyRequestRecord>;
  /** RNEC's request number (`DC-2026-000777`). */
  copyRequest(requestNumber: string): Promise<CivilActCopyRequestRecord>;
  copyRequestsByExternalReference(externalReference: string): Promise<readonly CivilActCopyRequestRecord[]>;
  copyRequestsOf(niu: string): Promise<readonly CivilActCopyRequestRecord[]>;
  /** `since`: an instant already checked and rounded down to the minute (the register's precision). */
  changedCopyRequests(since: Date): Promise<readonly CivilActCopyRequestRecord[]>;
  /** The pieces RNEC holds for a request (its number, `DC-2026-000777`), oldest first. */
  pieces(requestNumber: string): Promise<readonly ReceivedPiece[]>;
  /** Not idempotent at RNEC: a piece sent twice is held twice. Answers every piece the request now holds. */
  sendPieces(requestNumber: string, files: readonly PieceToSend[]): Promise<readonly ReceivedPiece[]>;
}

/** Most NIUs one batch lookup accepts (ConsulterPersonnes, GET /v2/personnes). */
export const MAX_NIU_PER_CALL = 50;

/** RNEC's limits on one deposit of pieces (both APIs): more is refused before any call. */
export const MAX_PIECES_PER_DEPOSIT = 20;
export const MAX_PIECE_BYTES = 25_000_000;
/** Largest deposit request: every piece at its largest, base64 (4/3) included, plus the envelope. */
export const MAX_DEPOSIT_REQUEST_BYTES = Math.ceil((MAX_PIECES_PER_DEPOSIT * MAX_PIECE_BYTES * 4) / 3) + 1_000_000;
