import type { IServices } from 'soap';
import { RnecFault, toSoapFault } from './rnec-fault.js';
import type { RnecRegistry } from './rnec-registry.js';

type Args = Record<string, unknown> | null | undefined;

/** Every RNEC response opens with this pair; the fault layer's error-in-200 puts an error code in it. */
const OK = { CODE_RETOUR: 'OK', MESSAGE_RETOUR: 'Traitement effectué' } as const;

/** node-soap gives one value or an array for a repeated element, depending on the schema and the count. */
function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The RNEC port, operation by operation, as node-soap services. A registry refusal becomes a SOAP 1.1 Fault
 * (`soap:Client`, HTTP 500); anything unexpected a `soap:Server` Fault with ERREUR_INTERNE.
 */
export function rnecServices(registry: RnecRegistry): IServices {
  const operation = (handler: (args: Record<string, unknown>) => Record<string, unknown>) => (args: Args) => {
    try {
      return { ...OK, ...handler(args ?? {}) };
    } catch (error) {
      if (error instanceof RnecFault) throw toSoapFault(error);
      throw toSoapFault(new RnecFault('ERREUR_INTERNE', 'Erreur interne du registre.', 'Server'));
    }
  };
  return {
    RnecService: {
      RnecPort: {
        ConsulterPersonne: operation((a) => ({ PERSONNE: registry.consulterPersonne(a.NIU) })),
        ConsulterPersonnes: operation((a) => {
          const { found, unknown } = registry.consulterPersonnes(list(a.NIU));
          return { PERSONNE: found, ...(unknown.length > 0 ? { INTROUVABLES: { NIU: unknown } } : {}) };
        }),
        ListerActes: operation((a) => ({ ACTE: registry.listerActes(a.NIU) })),
        ConsulterActe: operation((a) => ({ ACTE: registry.consulterActe(a.NUMERO_ACTE) })),
        DemanderCopieActe: operation((a) => ({
          DEMANDE: registry.demanderCopieActe({ niu: a.NIU, actNumber: a.NUMERO_ACTE, copies: a.NOMBRE_COPIES, externalReference: a.REFERENCE_EXTERNE }),
        })),
        SuivreDemande: operation((a) => ({ DEMANDE: registry.suivreDemande(a.NUMERO_DEMANDE) })),
        RechercherDemandeParReferenceExterne: operation((a) => ({ DEMANDE: registry.rechercherParReferenceExterne(a.REFERENCE_EXTERNE) })),
        // Not in the published v1 (DOMAIN.md): added so the portal can list a citizen's requests.
        ListerDemandes: operation((a) => ({ DEMANDE: registry.listerDemandes(a.NIU) })),
        ListerDemandesModifiees: operation((a) => ({ DEMANDE: registry.listerDemandesModifiees(a.DEPUIS) })),
      },
    },
  };
}
