import type { CopyRequestInput } from './copy-request-input.js';

export type { CopyRequestInput };
import type { DossierRecord, PiecesPort } from '../shared/index.js';

/** A person as the civil registry knows them, cleaned (title-cased names, ISO dates). */
export interface CitizenRecord {
  readonly niu: string;
  /** `Kossi Edem` (RNEC's PRENOMS, title-cased). */
  readonly firstNames: string;
  /** `Agbeko` (RNEC's NOM, title-cased). */
  readonly lastName: string;
  readonly sex: 'M' | 'F';
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly birthCommuneCode: string;
  /** `Golfe 1 (Lomé)`. */
  readonly birthPlace: string;
  /** YYYY-MM-DD, when deceased. */
  readonly deathDate: string | null;
}

export type CivilActKind = 'BIRTH' | 'MARRIAGE' | 'DEATH';

export interface CivilActRecord {
  /** `N-GOLFE1-2019-004512`. */
  readonly number: string;
  readonly kind: CivilActKind;
  /** Date of the event, YYYY-MM-DD. */
  readonly date: string;
  readonly communeCode: string;
  readonly communeName: string;
  /** NIUs of the persons the act is about. */
  readonly personNius: readonly string[];
}

/** A request for copies of a civil act (graph reference `RNEC-2026-000777` ↔ RNEC `DC-2026-000777`). */
export interface CivilActCopyRequestRecord extends DossierRecord {
  readonly actNumber: string;
  readonly copies: number;
  readonly deliveryCommuneCode: string;
}

/**
 * The civil registry's adapter. Its pieces (PiecesPort) are a copy request's supporting documents, by the
 * request's graph reference (`RNEC-2026-000777`).
 */
export interface RnecAdapter extends PiecesPort {
  /** NOT_FOUND for an unknown NIU. */
  getCitizen(niu: string): Promise<CitizenRecord>;
  /** Batched `ConsulterPersonnes` (≤ 50 per call). Unknown NIUs are absent from the map. */
  getCitizens(nius: readonly string[]): Promise<ReadonlyMap<string, CitizenRecord>>;
  listActs(niu: string): Promise<readonly CivilActRecord[]>;
  /** NOT_FOUND for an unknown act number. */
  getAct(actNumber: string): Promise<CivilActRecord>;
  /** RNEC has no batch lookup of acts: bounded concurrency. Unknown act numbers are absent from the map. */
  getActs(actNumbers: readonly string[]): Promise<ReadonlyMap<string, CivilActRecord>>;
  /**
   * Not idempotent at RNEC: callers reconcile with findCopyRequestByExternalReference first. The request alone: its
   * documents follow through `sendPieces` once RNEC has it.
   */
  requestCopy(input: Omit<CopyRequestInput, 'documents'>): Promise<CivilActCopyRequestRecord>;
  /** NOT_FOUND for an unknown reference. */
  getCopyRequest(reference: string): Promise<CivilActCopyRequestRecord>;
  /** RNEC has no batch lookup: bounded concurrency. Unknown references are absent from the map. */
  getCopyRequests(references: readonly string[]): Promise<ReadonlyMap<string, CivilActCopyRequestRecord>>;
  findCopyRequestByExternalReference(externalReference: string): Promise<CivilActCopyRequestRecord | null>;
  /** Every copy request filed by a citizen (`ListerDemandes`). */
  listCopyRequests(niu: string): Promise<readonly CivilActCopyRequestRecord[]>;
  /** Change feed: requests changed since an instant. */
  listChangedCopyRequests(since: string): Promise<readonly CivilActCopyRequestRecord[]>;
}
