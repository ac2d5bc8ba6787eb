import type { DossierRecord, FiledDocument, MinistryDossierAdapter, PiecesPort, RecordPage } from '../shared/index.js';
import type { ElectricityRequestInput } from './validate-input.js';

export type { ElectricityRequestInput };

export type MeterType = 'SINGLE_PHASE' | 'THREE_PHASE';

/** A low-voltage connection request (graph reference `CEET-2026-000123` ↔ CEET numero `2026-000123`). */
export interface ElectricityRequestRecord extends DossierRecord {
  readonly meterType: MeterType;
  readonly communeCode: string;
  readonly quarter: string;
  /** Land title of the plot, when known. */
  readonly landTitle: string | null;
  readonly applianceCount: number;
  readonly filingFeeFcfa: number;
  /** Amount of the quote, once issued (FCFA, integer). */
  readonly quoteAmountFcfa: number | null;
  /** The files CEET holds for the request (sent by Guichet's outbox): kind, media type, size, sha256. */
  readonly documents: readonly FiledDocument[];
}

/** CEET takes pieces as REST multipart (`POST /v1/demandes/{numero}/pieces`, one part per file named by its kind). */
export interface CeetAdapter extends MinistryDossierAdapter<ElectricityRequestRecord, ElectricityRequestInput>, PiecesPort {
  /** Every request of a citizen, all pages followed. */
  listDossiersOfCitizen(niu: string): Promise<readonly ElectricityRequestRecord[]>;
  /** One page of all requests (agents' worklist), newest first. `page` starts at 1. */
  listRequests(options: { readonly page: number; readonly pageSize: number }): Promise<RecordPage<ElectricityRequestRecord>>;
  /** NOT_FOUND for an unknown reference. */
  getRequest(reference: string): Promise<ElectricityRequestRecord>;
  /** Batched `?numeros=` (≤ 20 per call). Unknown references are absent from the map. */
  getDossiers(references: readonly string[]): Promise<ReadonlyMap<string, ElectricityRequestRecord>>;
  findDossierByExternalReference(externalReference: string): Promise<ElectricityRequestRecord | null>;
  /** Not idempotent at CEET: callers reconcile with findRequestByExternalReference first. */
  submitDossier(input: ElectricityRequestInput): Promise<ElectricityRequestRecord>;
  /** Change feed. */
  listChangedDossiers(since: string): Promise<readonly ElectricityRequestRecord[]>;
  /** `GET /v1/sante`. */
  checkHealth(): Promise<boolean>;
}
