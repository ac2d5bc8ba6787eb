import type { IServices } from 'soap';
import { RnecFault, toSoapFault } from './rnec-fault.js';
import type { PieceADeposer, RnecRegistry } from './rnec-registry.js';

type Args = Record<string, unknown> | null | undefined;

/** Every RNEC response opens with this pair; the fault layer's error-in-200 puts an error code in it. */
const OK = { CODE_RETOUR: 'OK', MESSAGE_RETOUR: 'Traitement effectué' } as const;

/** node-soap gives one value or an array for a repeated element, depending on the schema and the count. */
function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** base64 as XML Schema's base64Binary allows it: the alphabet, padding, and whitespace (line breaks every 76). */
const base64Pattern = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * One `PIECE` of `DeposerPieces`. `CONTENU` is base64 text (an MTOM request reaches here already decoded into it,
 * see decodingMtom); anything else — an `xop:Include` sent without multipart/related, an empty element — is refused.
 */
function pieceOf(value: unknown, index: number): PieceADeposer {
  const piece = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const contenu = piece.CONTENU;
  if (typeof contenu !== 'string' || !base64Pattern.test(contenu)) {
    throw new RnecFault('PARAMETRE_INVALIDE', `PIECE ${index + 1} : CONTENU doit être du base64 (ou une référence xop:Include dans une requête MTOM).`);
  }
  return { nature: piece.NATURE, nomFichier: piece.NOM_FICHIER, typeMime: piece.TYPE_MIME, contenu: Buffer.from(contenu, 'base64') };
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
        // Supporting documents of a copy request: base64 in CONTENU, or MTOM (decoded before node-soap sees it).
        DeposerPieces: operation((a) => ({ PIECE: registry.deposerPieces(a.NUMERO_DEMANDE, list(a.PIECE).map(pieceOf)) })),
        ListerPieces: operation((a) => ({ PIECE: registry.listerPieces(a.NUMERO_DEMANDE) })),
      },
    },
  };
}
