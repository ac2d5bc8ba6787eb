import type { z } from 'zod';
import type { LegacySystem } from '../../schema/legacy-systems.js';
import type { DossierRecord } from './dossier-record.js';

/**
 * What every ministry's adapter offers for its dossiers: the one contract the shared subgraph wiring
 * (`startMinistrySubgraph`: loaders, outbox delivery, last-known fallback) and the supervision feeds are built on.
 * Each ministry adds its own reads beside it (worklist pages, acts, persons).
 */
export interface MinistryDossierAdapter<R extends DossierRecord, I> {
  /** Batched read by graph reference; references the system does not know are absent from the map. */
  getDossiers(references: readonly string[]): Promise<ReadonlyMap<string, R>>;
  /** Every dossier of a citizen, all pages followed. */
  listDossiersOfCitizen(niu: string): Promise<readonly R[]>;
  /**
   * The dossier filed with Guichet's external reference (the oldest if a retried call made two), or null. The
   * applicant is given for systems that can only search among a citizen's dossiers.
   */
  findDossierByExternalReference(externalReference: string, applicantNiu: string): Promise<R | null>;
  /** Files a new dossier. Not idempotent at the ministry: callers reconcile with findDossierByExternalReference first. */
  submitDossier(input: I): Promise<R>;
  /** Change feed: every dossier changed since an ISO 8601 instant. */
  listChangedDossiers(since: string): Promise<readonly R[]>;
}

/**
 * Everything the rest of the house needs to know of a ministry's adapter folder, exported by its `index.ts` as
 * `adapterKit`: its environment, how to build it, where its system is, and where a dossier is (for supervision).
 * Code that serves every ministry (the subgraph wiring, the supervision feeds) reaches an adapter only through it.
 */
export interface MinistryAdapterKit<S extends z.ZodObject, O, R extends DossierRecord, I, A extends MinistryDossierAdapter<R, I> = MinistryDossierAdapter<R, I>> {
  readonly system: LegacySystem;
  /** The adapter's environment fragment (`CEET_URL`, `CEET_TIMEOUT_MS`…), merged into a service's own. */
  readonly envSchema: S;
  readonly optionsFromEnv: (env: z.output<S>) => O;
  readonly create: (options: O) => A;
  /** Where the system is read (logs, the supervision feed's `sources`). */
  readonly locationOf: (options: O) => string;
  /** The commune a dossier is in: the plot, or for RNEC the registry office that delivers the copy. */
  readonly communeOf: (record: R) => string | null;
}
