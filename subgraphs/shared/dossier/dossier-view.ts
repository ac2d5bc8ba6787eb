import type { DossierRecord } from '../../../adapters/shared/index.js';

/** A clean dossier record shaped for the graph: the procedure and applicant as entity references. */
export function dossierView<R extends DossierRecord & { readonly stale?: boolean; readonly asOf?: string | null; readonly sealedListing?: string }>(
  record: R,
): R & { lookup: string; stale: boolean; asOf: string | null; sealedListing: string | null; procedure: { code: string }; applicant: { niu: string } } {
  return {
    ...record,
    lookup: record.reference,
    // Fresh unless the loader answered from the last known version while the ministry was unreachable.
    stale: record.stale ?? false,
    asOf: record.asOf ?? null,
    // Only on the records a citizen's list sealed for the page's entity fetches.
    sealedListing: record.sealedListing ?? null,
    procedure: { code: record.procedureCode },
    applicant: { niu: record.applicantNiu },
  };
}
