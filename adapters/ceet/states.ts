import { DossierStatus } from '../../schema/dossier-status.js';

export interface CeetStatus {
  readonly status: DossierStatus;
  /** Guichet's French label of CEET's step (CEET's own `libelleStatut` is terse upper case). */
  readonly label: string;
}

/** CEET's numeric status codes → normalized status and French label. */
export const ceetStatuses: ReadonlyMap<number, CeetStatus> = new Map([
  [10, { status: DossierStatus.SUBMITTED, label: 'Demande déposée' }],
  [20, { status: DossierStatus.IN_PROGRESS, label: 'Visite technique programmée' }],
  [30, { status: DossierStatus.ACTION_REQUIRED, label: 'Devis émis' }],
  [40, { status: DossierStatus.IN_PROGRESS, label: 'Devis payé' }],
  [50, { status: DossierStatus.IN_PROGRESS, label: 'Inspection de conformité' }],
  [60, { status: DossierStatus.IN_PROGRESS, label: 'Travaux de branchement programmés' }],
  [70, { status: DossierStatus.COMPLETED, label: 'Mise en service' }],
  [90, { status: DossierStatus.REJECTED, label: 'Demande rejetée' }],
]);

/** The code awaiting the citizen: a quote to pay. */
export const QUOTE_ISSUED = 30;
