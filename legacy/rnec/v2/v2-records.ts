import type { ActeRnec, DemandeRnec, PersonneRnec, PieceRnec } from '../rnec-records.js';

/**
 * RNEC v2's JSON shapes: the same records as the SOAP service, in modern dress — camelCase, ISO 8601 dates and
 * UTC instants, explicit nulls, act kinds spelled out. Names stay as the register holds them (upper case).
 */
export interface PersonneV2 {
  readonly niu: string;
  readonly nom: string;
  readonly prenoms: string;
  readonly sexe: 'M' | 'F';
  /** YYYY-MM-DD */
  readonly dateNaissance: string;
  /** Commune code (`GOLFE1`). */
  readonly communeNaissance: string;
  readonly numeroActeNaissance: string;
  readonly niuConjoint: string | null;
  readonly dateDeces: string | null;
}

export type TypeActeV2 = 'NAISSANCE' | 'MARIAGE' | 'DECES';

export interface ActeV2 {
  readonly numero: string;
  readonly type: TypeActeV2;
  readonly dateEvenement: string;
  readonly commune: string;
  readonly niuConcernes: readonly string[];
}

export interface EtapeV2 {
  readonly statut: DemandeRnec['STATUT'];
  /** UTC instant, minute precision (what the register keeps). */
  readonly le: string;
  readonly commentaire: string | null;
}

export interface DemandeV2 {
  readonly numero: string;
  readonly niuDemandeur: string;
  readonly numeroActe: string;
  readonly typeActe: TypeActeV2;
  readonly nombreCopies: number;
  readonly referenceExterne: string | null;
  readonly statut: DemandeRnec['STATUT'];
  readonly communeRetrait: string;
  readonly deposeeLe: string;
  readonly modifieeLe: string;
  readonly historique: readonly EtapeV2[];
}

/** A piece a request holds (`GET`/`POST /v2/demandes/{numero}/pieces`); the bytes are not kept. */
export interface PieceV2 {
  readonly nature: string;
  readonly nomFichier: string;
  readonly typeMime: string;
  /** Bytes received. */
  readonly taille: number;
  /** sha256 hex of those bytes. */
  readonly empreinte: string;
  /** UTC instant of the deposit, minute precision. */
  readonly deposeeLe: string;
}

const kinds: Readonly<Record<ActeRnec['TYPE_ACTE'], TypeActeV2>> = { N: 'NAISSANCE', M: 'MARIAGE', D: 'DECES' };

/** `07/03/2019` → `2019-03-07`. */
export function isoDate(rnecDate: string): string {
  const [day, month, year] = rnecDate.split('/');
  return `${year}-${month}-${day}`;
}

/** `07/03/2019` + `10:15` → `2019-03-07T10:15:00Z` (Lomé is UTC+0 all year). */
export function isoInstant(rnecDate: string, time: string): string {
  return `${isoDate(rnecDate)}T${time}:00Z`;
}

export function personneV2(p: PersonneRnec): PersonneV2 {
  return {
    niu: p.NIU,
    nom: p.NOM,
    prenoms: p.PRENOMS,
    sexe: p.SEXE,
    dateNaissance: isoDate(p.DATE_NAISSANCE),
    communeNaissance: p.COMMUNE_NAISSANCE,
    numeroActeNaissance: p.NUMERO_ACTE_NAISSANCE,
    niuConjoint: p.NIU_CONJOINT ?? null,
    dateDeces: p.DATE_DECES ? isoDate(p.DATE_DECES) : null,
  };
}

export function acteV2(a: ActeRnec): ActeV2 {
  return { numero: a.NUMERO_ACTE, type: kinds[a.TYPE_ACTE], dateEvenement: isoDate(a.DATE_EVENEMENT), commune: a.COMMUNE, niuConcernes: [...a.NIU_CONCERNE] };
}

export function demandeV2(d: DemandeRnec): DemandeV2 {
  return {
    numero: d.NUMERO_DEMANDE,
    niuDemandeur: d.NIU_DEMANDEUR,
    numeroActe: d.NUMERO_ACTE,
    typeActe: kinds[d.TYPE_ACTE],
    nombreCopies: d.NOMBRE_COPIES,
    referenceExterne: d.REFERENCE_EXTERNE ?? null,
    statut: d.STATUT,
    communeRetrait: d.COMMUNE_RETRAIT,
    deposeeLe: isoInstant(d.DATE_DEPOT, d.HEURE_DEPOT),
    modifieeLe: isoInstant(d.DATE_MAJ, d.HEURE_MAJ),
    historique: d.HISTORIQUE.ETAPE.map((e) => ({ statut: e.STATUT, le: isoInstant(e.DATE, e.HEURE), commentaire: e.COMMENTAIRE ?? null })),
  };
}

export function pieceV2(p: PieceRnec): PieceV2 {
  return { nature: p.NATURE, nomFichier: p.NOM_FICHIER, typeMime: p.TYPE_MIME, taille: p.TAILLE, empreinte: p.EMPREINTE, deposeeLe: isoInstant(p.DATE_DEPOT, p.HEURE_DEPOT) };
}
