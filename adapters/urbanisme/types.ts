import type { DossierRecord, FiledDocument, MinistryDossierAdapter, PiecesPort, RecordPage } from '../shared/index.js';
import type { BuildingPermitInput } from './validate-input.js';

export type { BuildingPermitInput };

export type ProjectKind = 'SINGLE_HOUSE' | 'BUILDING_R1' | 'BUILDING_R2' | 'COMMERCIAL' | 'FENCE';

/** A building permit application (graph reference `URB-2026-004321` ↔ Urbanisme numero `PC-2026-004321`). */
export interface BuildingPermitRecord extends DossierRecord {
  readonly landTitle: string;
  readonly architectRegistration: string;
  readonly architectName: string;
  readonly communeCode: string;
  readonly quarter: string;
  readonly projectKind: ProjectKind;
  readonly floorAreaM2: number;
  readonly levels: number;
  /** Documents the ministry waits for (PIECES_MANQUANTES). */
  readonly missingDocuments: readonly string[];
  /** The files Urbanisme holds for the dossier (sent by Guichet's outbox): kind, media type, size, sha256. */
  readonly documents: readonly FiledDocument[];
}

/** Urbanisme takes pieces as REST multipart (`POST /api/dossiers/{numero}/pieces`, one part per file named by its kind). */
export interface UrbanismeAdapter extends MinistryDossierAdapter<BuildingPermitRecord, BuildingPermitInput>, PiecesPort {
  /** Every application of a citizen, all cursor pages followed. */
  listDossiersOfCitizen(niu: string): Promise<readonly BuildingPermitRecord[]>;
  /** One page of all applications (agents' worklist). `cursor` is Urbanisme's opaque cursor. */
  listApplications(options: { readonly cursor?: string; readonly limit: number }): Promise<RecordPage<BuildingPermitRecord> & { readonly nextCursor: string | null }>;
  /** NOT_FOUND for an unknown reference. */
  getApplication(reference: string): Promise<BuildingPermitRecord>;
  /** Batched `?numeros=` (≤ 20 per call). Unknown references are absent from the map. */
  getDossiers(references: readonly string[]): Promise<ReadonlyMap<string, BuildingPermitRecord>>;
  /** Looks among the applicant's dossiers for one carrying this external reference. */
  findDossierByExternalReference(externalReference: string, niu: string): Promise<BuildingPermitRecord | null>;
  /** Not idempotent: callers reconcile with findApplicationByExternalReference first. */
  submitDossier(input: BuildingPermitInput): Promise<BuildingPermitRecord>;
  /** Change feed. */
  listChangedDossiers(since: string): Promise<readonly BuildingPermitRecord[]>;
}
