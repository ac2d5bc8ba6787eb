import type { DossierAccess } from '../self-graph/index.js';
import type { SubscriptionCaller } from './subscription-caller.js';

/** Whether a caller may read a dossier, as the graph itself answers it (or the code of why it could not say). */
export type Ownership = { readonly kind: 'granted' } | { readonly kind: 'refused'; readonly code: 'NOT_FOUND' | 'FORBIDDEN' } | { readonly kind: 'failure'; readonly code: string };

/** Asks whether the caller may read the dossier `reference`. */
export type OwnershipCheck = (reference: string, caller: SubscriptionCaller) => Promise<Ownership>;

/**
 * The graph's answer to reading the dossier with the subscriber's own token (`readDossierAccess`): the same
 * authorization a query would meet — owner, company representatives, agents — without deciding anything here.
 */
export function ownershipOf(access: DossierAccess): Ownership {
  switch (access.kind) {
    case 'readable':
      return { kind: 'granted' };
    case 'not-readable':
      return { kind: 'refused', code: access.code };
    default:
      return { kind: 'failure', code: access.code };
  }
}
