import type { z } from 'zod';
import type { AccessRecorder } from '../../../audit/index.js';
import type { Principal } from '../../../auth/index.js';
import type { Outbox, Submission } from '../../../outbox/index.js';
import { companyAuditSubject, type DossierSystem, type LegacySystem } from '../../../schema/index.js';
import { canFileFor, forbiddenError } from '../authorization/index.js';
import { assertIdempotencyKey, externalReferenceFor } from './idempotency.js';
import { payloadInputError } from './payload-input-error.js';
import { recordOfOutcome } from './record-of-outcome.js';

/** What a ministry gives back for an application. */
export type SubmittedRecord = { readonly reference: string; readonly applicantNiu: string };

/** One application as a mutation hands it over. */
export interface Filing<R, I> {
  readonly procedureCode: string;
  readonly applicantNiu: string;
  /** The company filed for, when not the applicant in their own name (`applicantNiu` then represents it). */
  readonly companyNif?: string | null;
  readonly idempotencyKey: string;
  /**
   * The ministry's own checks, then the adapter's input but Guichet's external reference (derived here from the key).
   * Run only once the key is well formed and the caller may file for the applicant.
   */
  readonly payload: () => Promise<Omit<I, 'externalReference'>> | Omit<I, 'externalReference'>;
  /** Whether an application already filed under the same key is this one (the same key with other data is a conflict). */
  readonly sameRecord: (existing: R) => boolean;
  /**
   * Last step before the outbox, once the payload passed its schema, with Guichet's external reference: what must
   * hold for this very application (energy-mines: its documents marked as filed with it, so that the sweep keeps
   * them). Throwing here files nothing.
   */
  readonly beforeOutbox?: (externalReference: string) => Promise<void>;
}

/** What a ministry's subgraph files with: its outbox, the payload's schema, and whose request this is. */
export interface SubmissionDesk<R extends SubmittedRecord, I extends object> {
  readonly system: LegacySystem;
  readonly referencePrefix: DossierSystem;
  readonly principal: Principal;
  readonly access: AccessRecorder;
  readonly outbox: Outbox<R>;
  readonly inputSchema: z.ZodType<I>;
  readonly queuedRecord: (submission: Submission) => R;
}

/**
 * The one way an application is filed, whatever the ministry: a deliberate idempotency key, a caller who may file
 * for the applicant, the ministry's own checks, the payload checked against its one schema, then the outbox —
 * delivered now if the ministry can take it, else kept durably and answered QUEUED; a retry never files twice.
 * The filing is on the applicant's access log.
 */
export async function submitDossier<R extends SubmittedRecord, I extends object>(desk: SubmissionDesk<R, I>, filing: Filing<R, I>): Promise<R> {
  assertIdempotencyKey(filing.idempotencyKey);
  const companyNif = filing.companyNif ?? null;
  if (!canFileFor(desk.principal, filing.applicantNiu)) throw forbiddenError('Vous ne pouvez déposer une demande que pour vous-même.');
  if (!canFileFor(desk.principal, filing.applicantNiu, companyNif)) {
    throw forbiddenError(`Vous ne représentez pas la société de NIF ${companyNif ?? ''} : seuls son gérant et ses représentants déclarés peuvent déposer pour elle.`);
  }
  const payload = await filing.payload();
  const externalReference = externalReferenceFor(desk.referencePrefix, filing.procedureCode, filing.applicantNiu, filing.idempotencyKey);
  const parsed = desk.inputSchema.safeParse({ ...payload, externalReference });
  if (!parsed.success) throw payloadInputError(parsed.error.issues);
  await filing.beforeOutbox?.(externalReference);
  const outcome = await desk.outbox.submit({
    externalReference,
    procedureCode: filing.procedureCode,
    applicantNiu: filing.applicantNiu,
    payload: parsed.data,
    sameRecord: filing.sameRecord,
  });
  const record = recordOfOutcome(outcome, desk.queuedRecord);
  desk.access.record({ niu: record.applicantNiu, system: desk.system, action: 'write' });
  if (companyNif !== null) desk.access.record({ niu: companyAuditSubject(companyNif), system: desk.system, action: 'write' });
  return record;
}
