import type { DossierRecord } from '../../../adapters/shared/index.js';
import type { Submission } from '../../../outbox/index.js';
import type { ProcedureCode } from '../../../schema/index.js';

const queuedLabel = 'En attente de transmission au ministère';

/**
 * The common part of an application Guichet holds but the ministry does not have (yet): QUEUED while it waits
 * for its system, REJECTED with the ministry's own words if it refused it. Its reference is Guichet's.
 */
export function queuedDossierRecord(submission: Submission): DossierRecord {
  const createdAt = new Date(submission.createdAt).toISOString();
  const updatedAt = new Date(submission.updatedAt).toISOString();
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
    history: [
      { status: 'QUEUED', ministryStatus: queuedLabel, at: createdAt },
      ...(rejected ? [{ status: 'REJECTED' as const, ministryStatus: rejectedLabel, at: updatedAt }] : []),
    ],
    nextAction: rejected ? 'Corrigez la demande et déposez-la à nouveau.' : null,
    procedureCode: submission.procedureCode as ProcedureCode,
    externalReference: submission.externalReference,
  };
}
