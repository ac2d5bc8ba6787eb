import type { DossierRecord, FiledDocument, MinistryDossierAdapter, PiecesPort, RecordPage } from '../shared/index.js';
import type { EnergyMinesApplicationInput } from './validate-input.js';

export type { EnergyMinesApplicationInput };
import type { MineralSubstance } from './substances.js';

/** A company as an applicant: its tax identifier and its trade-register number (schema/company-identifiers.ts). */
export interface CompanyApplicant {
  readonly nif: string;
  readonly rccm: string;
}

/** One application (graph reference `MEM-2026-000123` ↔ the system's number `2026/000123`). */
export interface EnergyMinesApplicationRecord extends DossierRecord {
  /** Company or cooperative applying, if any. */
  readonly companyName: string | null;
  /**
   * The applicant company, when filed for one (its NIF and RCCM); `applicantNiu` is then the mandate holder who filed.
   * Null for a person's application (and for older dossiers that name a company in free text only).
   */
  readonly company: CompanyApplicant | null;
  /** Site of the activity, for procedures that have one. */
  readonly communeCode: string | null;
  readonly locality: string | null;
  readonly filingFeeFcfa: number;
  /** Mining titles: the substance sought and the surface, in hectares whatever unit SIGEM keeps it in. */
  readonly substance: MineralSubstance | null;
  readonly areaHectares: number | null;
  /** Documents the ministry waits for (while ACTION_REQUIRED for missing documents). */
  readonly missingDocuments: readonly string[];
  /** The files SIGEM holds for the dossier (sent by Guichet's outbox): kind, media type, size, sha256. */
  readonly documents: readonly FiledDocument[];
}

/** SIGEM takes pieces as REST multipart (`POST …/pieces`, one part per file named by its kind). */
export interface MinesAdapter extends MinistryDossierAdapter<EnergyMinesApplicationRecord, EnergyMinesApplicationInput>, PiecesPort {
  /** Every application of a citizen, all pages followed. */
  listDossiersOfCitizen(niu: string): Promise<readonly EnergyMinesApplicationRecord[]>;
  /** One page of all applications, newest first (agents' worklist). */
  listApplications(options: { readonly page: number; readonly pageSize: number }): Promise<RecordPage<EnergyMinesApplicationRecord>>;
  /** NOT_FOUND for an unknown reference. */
  getApplication(reference: string): Promise<EnergyMinesApplicationRecord>;
  /** Batched `?numeros=` (≤ 25 per call). Unknown references are absent from the map. */
  getDossiers(references: readonly string[]): Promise<ReadonlyMap<string, EnergyMinesApplicationRecord>>;
  /** The application filed with this external reference (the oldest if a retried POST made two), or null. */
  findDossierByExternalReference(externalReference: string): Promise<EnergyMinesApplicationRecord | null>;
  /** Not idempotent: callers reconcile with findApplicationByExternalReference first. */
  submitDossier(input: EnergyMinesApplicationInput): Promise<EnergyMinesApplicationRecord>;
  /** Change feed: every application changed since `since` (ISO 8601); repeats the boundary minute. */
  listChangedDossiers(since: string): Promise<readonly EnergyMinesApplicationRecord[]>;
}
