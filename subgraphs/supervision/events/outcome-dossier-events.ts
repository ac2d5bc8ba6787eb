import { DossierStatus } from '../../../schema/index.js';
import type { OutboxOutcomeItem } from '../../shared/index.js';
import type { NewDossierEvent } from './new-dossier-event.js';

/**
 * The event each outbox outcome makes: `SUBMISSION_DELIVERED` (the queued submission reached its legacy system, under
 * `reference`) or `SUBMISSION_REJECTED` (the ministry refused it; `reference` is the Guichet reference the citizen was
 * answered with). Status: the dossier's as last read from its feed when known, else SUBMITTED (delivered) or
 * REJECTED; no previous status — the outbox is not the dossier's history.
 */
export function outcomeDossierEvents(outcomes: readonly OutboxOutcomeItem[], known: ReadonlyMap<string, DossierStatus>): NewDossierEvent[] {
  return outcomes.map((o) => {
    const delivered = o.outcome === 'DELIVERED';
    return {
      type: delivered ? 'SUBMISSION_DELIVERED' : 'SUBMISSION_REJECTED',
      reference: o.reference,
      ownerNiu: o.ownerNiu,
      ministry: o.ministry,
      system: o.system,
      procedure: o.procedure,
      status: known.get(o.reference) ?? (delivered ? DossierStatus.SUBMITTED : DossierStatus.REJECTED),
      ministryStatus: null,
      previousStatus: null,
      at: o.at,
    };
  });
}
