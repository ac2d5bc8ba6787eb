/** The normalized status every ministry's dossier maps to: what mobile apps rely on. */
export const DossierStatus = {
  /** Accepted by Guichet, not yet delivered to the ministry. */
  QUEUED: 'QUEUED',
  SUBMITTED: 'SUBMITTED',
  IN_PROGRESS: 'IN_PROGRESS',
  /** The citizen must act: pay, add a document, collect. */
  ACTION_REQUIRED: 'ACTION_REQUIRED',
  APPROVED: 'APPROVED',
  COMPLETED: 'COMPLETED',
  REJECTED: 'REJECTED',
} as const;

export type DossierStatus = (typeof DossierStatus)[keyof typeof DossierStatus];

export const dossierStatuses: readonly DossierStatus[] = Object.values(DossierStatus);
