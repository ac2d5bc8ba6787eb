import type { CeetStatusCode, ElectricityRequest } from '../world/index.js';
import { formatHorodatage, formatMontant } from './ceet-format.js';

/** One step of a request's history, as CEET stores it. */
export interface EtapeHistorique {
  statut: CeetStatusCode;
  date: string;
  commentaire?: string;
}

/** A low-voltage connection request in CEET's own shape: French camelCase, numeric codes, string amounts. */
export interface Demande {
  numero: string;
  niuDemandeur: string;
  statut: CeetStatusCode;
  /** CEET's terse upper-case label (`DEVIS EMIS`). */
  libelleStatut: string;
  dateDepot: string;
  dateMaj: string;
  typeCompteur: 'MONO' | 'TRI';
  commune: string;
  quartier: string;
  titreFoncier: string | null;
  nombreAppareils: number;
  fraisDossier: string;
  montantDevis: string | null;
  referenceExterne: string | null;
  historique: EtapeHistorique[];
  /** Files received for the request (`POST /v1/demandes/{numero}/pieces`); absent until the first. */
  piecesJointes?: PieceJointe[];
}

/** A file CEET received for a request, as its API lists it (French camelCase, as the rest of CEET). */
export interface PieceJointe {
  /** The document's nature, as the depositor named the part (Guichet sends its kind codes). */
  nature: string;
  nomFichier: string;
  typeMime: string;
  /** Bytes. */
  taille: number;
  /** sha256 hex of the bytes received. */
  empreinte: string;
  /** `aaaa-mm-jj hh:mm:ss`, like every CEET timestamp. */
  dateReception: string;
}

export const libellesStatut: Readonly<Record<CeetStatusCode, string>> = {
  10: 'DEPOSEE',
  20: 'VISITE PROGRAMMEE',
  30: 'DEVIS EMIS',
  40: 'DEVIS PAYE',
  50: 'INSPECTION CONFORMITE',
  60: 'TRAVAUX PROGRAMMES',
  70: 'MISE EN SERVICE',
  90: 'REJETEE',
};

/** Shapes one seeded request the way CEET's database returns it. */
export function demandeFromWorld(request: ElectricityRequest): Demande {
  const historique = request.history.map(
    (step): EtapeHistorique => ({
      statut: step.status,
      date: formatHorodatage(step.at),
      ...(step.comment ? { commentaire: step.comment } : {}),
    }),
  );
  const first = historique[0];
  const last = historique.at(-1);
  if (!first || !last) throw new Error(`request ${request.numero} has no history`);
  return {
    numero: request.numero,
    niuDemandeur: request.niu,
    statut: last.statut,
    libelleStatut: libellesStatut[last.statut],
    dateDepot: first.date,
    dateMaj: last.date,
    typeCompteur: request.meterType,
    commune: request.commune,
    quartier: request.quarter,
    titreFoncier: request.landTitle,
    nombreAppareils: request.applianceCount,
    fraisDossier: formatMontant(request.filingFeeFcfa),
    montantDevis: request.quoteAmountFcfa === null ? null : formatMontant(request.quoteAmountFcfa),
    referenceExterne: request.externalReference,
    historique,
  };
}
