import type { CivilAct, CopyRequest, CopyRequestStatus, Person } from '../world/index.js';
import { toRnecDate, toRnecTime } from './rnec-format.js';

/** What RNEC stores and sends, in its own words: French upper snake case, upper-case names, `jj/mm/aaaa` dates. */
export interface PersonneRnec {
  NIU: string;
  NOM: string;
  PRENOMS: string;
  SEXE: 'M' | 'F';
  DATE_NAISSANCE: string;
  /** Commune code (`GOLFE1`): the registry never spells commune names. */
  COMMUNE_NAISSANCE: string;
  NUMERO_ACTE_NAISSANCE: string;
  NIU_CONJOINT?: string;
  DATE_DECES?: string;
}

export interface ActeRnec {
  NUMERO_ACTE: string;
  TYPE_ACTE: 'N' | 'M' | 'D';
  DATE_EVENEMENT: string;
  COMMUNE: string;
  NIU_CONCERNE: string[];
}

export interface EtapeRnec {
  STATUT: CopyRequestStatus;
  DATE: string;
  /** `hh:mm`, separate from the date. */
  HEURE: string;
  COMMENTAIRE?: string;
}

export interface DemandeRnec {
  NUMERO_DEMANDE: string;
  NIU_DEMANDEUR: string;
  NUMERO_ACTE: string;
  TYPE_ACTE: 'N' | 'M' | 'D';
  NOMBRE_COPIES: number;
  REFERENCE_EXTERNE?: string;
  STATUT: CopyRequestStatus;
  COMMUNE_RETRAIT: string;
  DATE_DEPOT: string;
  HEURE_DEPOT: string;
  DATE_MAJ: string;
  HEURE_MAJ: string;
  HISTORIQUE: { ETAPE: EtapeRnec[] };
}

/** A supporting document RNEC holds for a copy request, as `ListerPieces` returns it (the bytes are not kept). */
export interface PieceRnec {
  NATURE: string;
  NOM_FICHIER: string;
  TYPE_MIME: string;
  /** Bytes received, after base64 or MTOM decoding. */
  TAILLE: number;
  /** sha256 of those bytes, lower-case hex. */
  EMPREINTE: string;
  DATE_DEPOT: string;
  HEURE_DEPOT: string;
}

/** A stored request and the instant of its last change (internal: the change feed filters on it). */
export interface StoredDemande {
  readonly demande: DemandeRnec;
  modifiedMs: number;
}

export function personneFromWorld(person: Person): PersonneRnec {
  return {
    NIU: person.niu,
    NOM: person.lastName.toLocaleUpperCase('fr'),
    PRENOMS: person.firstNames.toLocaleUpperCase('fr'),
    SEXE: person.sex,
    DATE_NAISSANCE: toRnecDate(person.birthDate),
    COMMUNE_NAISSANCE: person.birthCommune,
    NUMERO_ACTE_NAISSANCE: person.birthActNumber,
    ...(person.spouseNiu ? { NIU_CONJOINT: person.spouseNiu } : {}),
    ...(person.deathDate ? { DATE_DECES: toRnecDate(person.deathDate) } : {}),
  };
}

export function acteFromWorld(act: CivilAct): ActeRnec {
  return { NUMERO_ACTE: act.number, TYPE_ACTE: act.kind, DATE_EVENEMENT: toRnecDate(act.date), COMMUNE: act.commune, NIU_CONCERNE: [...act.persons] };
}

export function etape(status: CopyRequestStatus, instant: string, comment?: string): EtapeRnec {
  return { STATUT: status, DATE: toRnecDate(instant), HEURE: toRnecTime(instant), ...(comment ? { COMMENTAIRE: comment } : {}) };
}

export function demandeFromWorld(request: CopyRequest): StoredDemande {
  const first = request.history[0];
  const last = request.history.at(-1);
  if (!first || !last) throw new Error(`copy request ${request.number} has no history`);
  const kind = (request.actNumber.charAt(0) || 'N') as 'N' | 'M' | 'D';
  return {
    demande: {
      NUMERO_DEMANDE: request.number,
      NIU_DEMANDEUR: request.niu,
      NUMERO_ACTE: request.actNumber,
      TYPE_ACTE: kind,
      NOMBRE_COPIES: request.copies,
      ...(request.externalReference ? { REFERENCE_EXTERNE: request.externalReference } : {}),
      STATUT: last.status,
      COMMUNE_RETRAIT: request.deliveryCommune,
      DATE_DEPOT: toRnecDate(first.at),
      HEURE_DEPOT: toRnecTime(first.at),
      DATE_MAJ: toRnecDate(last.at),
      HEURE_MAJ: toRnecTime(last.at),
      HISTORIQUE: { ETAPE: request.history.map((step) => etape(step.status, step.at, step.comment)) },
    },
    modifiedMs: Date.parse(last.at),
  };
}
