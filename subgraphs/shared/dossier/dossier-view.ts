import type { DossierRecord } from '../../../adapters/shared/index.js';

/** A clean dossier record shaped for the graph: the procedure and applicant as entity references. */
export function dossierView<R extends DossierRecord>(record: R): R & { lookup: string; procedure: { code: string }; applicant: { niu: string } } {
  return { ...record, lookup: record.reference, procedure: { code: record.procedureCode }, applicant: { niu: record.applicantNiu } };
}
