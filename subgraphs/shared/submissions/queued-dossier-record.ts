import type { DossierRecord } from '../../../adapters/shared/index.js';
import type { Submission } from '../../../outbox/index.js';
import type { ProcedureCode } from '../../../schema/index.js';

const queuedLabel = 'En attente de transmission au ministère';
const deliveredLabel = 'Transmise au ministère';

/**
 * The common part of an application as Guichet knows it: QUEUED while it waits for the ministry's system (with
 * Guichet's reference), REJECTED with the ministry's own words if it refused it, or — delivered, while the ministry
 * cannot be asked — SUBMITTED under the ministry's reference, marked stale.
 */
/** The part of a held application every ministry shows the same way. */
export type QueuedDossier = DossierRecord & { readonly stale?: boolean; readonly asOf?: string | null };

export function queuedDossierRecord(submission: Submission): QueuedDossier {
  const createdAt = new Date(submission.createdAt).toISOString();
  const updatedAt = new Date(submission.updatedAt).toISOString();
  if (submission.state === 'delivered' && submission.legacyReference) {
    // Delivered, but the ministry cannot be asked now: what Guichet last knew, marked stale.
    const deliveredAt = new Date(submission.deliveredAt ?? submission.updatedAt).toISOString();
    return {
      reference: submission.legacyReference,
      applicantNiu: submission.applicantNiu,
      status: 'SUBMITTED',
      ministryStatus: deliveredLabel,
      ministryStatusCode: 'GUICHET_TRANSMISE',
      submittedAt: createdAt,
      updatedAt: deliveredAt,
      history: [
        { status: 'QUEUED', ministryStatus: queuedLabel, at: createdAt },
        { status: 'SUBMITTED', ministryStatus: deliveredLabel, at: deliveredAt },
      ],
      nextAction: null,
      procedureCode: submission.procedureCode as ProcedureCode,
      externalReference: submission.externalReference,
      stale: true,
      asOf: deliveredAt,
    };
  }
  const rejected = submission.state === 'rejected';
  const rejectedLabel = `Refusée par le ministère : ${submission.rejectionMessage ?? 'motif non précisé'}`;
  return {
    reference: submission.externalReference,
    applicantNiu: submission.applicantNiu,
    status: rejected ? 'REJECTED' : 'QUEUED',
    ministryStatus: rejected ? rejectedLabel : queuedLabel,
    ministryStatusCode: rejected ? 'GUICHET_REFUSEE' : 'GUICHET_EN_ATTENTE',
    submittedAt: createdAt,
    updatedAt,
    history: [{ status: 'QUEUED', ministryStatus: queuedLabel, at: createdAt }, ...(rejected ? [{ status: 'REJECTED' as const, ministryStatus: rejectedLabel, at: updatedAt }] : [])],
    nextAction: rejected ? 'Corrigez la demande et déposez-la à nouveau.' : null,
    procedureCode: submission.procedureCode as ProcedureCode,
    externalReference: submission.externalReference,
  };
}
