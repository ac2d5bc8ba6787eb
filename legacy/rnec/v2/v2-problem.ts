import type { LegacyReply } from '../../shared/index.js';
import type { RnecErrorCode } from '../rnec-fault.js';

/** Where v2's problem types are documented; `type` is this plus the code in kebab case. */
export const PROBLEM_TYPE_BASE = 'https://rnec.gouv.tg/v2/problemes/';

const titles: Readonly<Record<RnecErrorCode, string>> = {
  PERSONNE_INTROUVABLE: 'Personne introuvable',
  ACTE_INTROUVABLE: 'Acte introuvable',
  DEMANDE_INTROUVABLE: 'Demande introuvable',
  PARAMETRE_INVALIDE: 'Paramètre invalide',
  TROP_DE_NIU: 'Trop de NIU',
  TROP_DE_PIECES: 'Trop de pièces',
  PIECE_TROP_VOLUMINEUSE: 'Pièce trop volumineuse',
  ERREUR_INTERNE: 'Erreur interne',
};

/** A problem details document (RFC 9457), with the register's code kept as the `code` extension member. */
export interface ProblemV2 {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly code: RnecErrorCode | 'RESSOURCE_INTROUVABLE' | 'METHODE_NON_AUTORISEE';
}

export function problem(status: number, code: ProblemV2['code'], detail: string, instance?: string): ProblemV2 {
  const title = code === 'RESSOURCE_INTROUVABLE' ? 'Ressource introuvable' : code === 'METHODE_NON_AUTORISEE' ? 'Méthode non autorisée' : titles[code];
  return { type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`, title, status, detail, ...(instance ? { instance } : {}), code };
}

/** An RNEC refusal as an HTTP status: unknown things are 404, the caller's mistakes 400, the register's own 500. */
export function statusOf(code: RnecErrorCode): number {
  if (code.endsWith('_INTROUVABLE')) return 404;
  if (code === 'ERREUR_INTERNE') return 500;
  if (code === 'PIECE_TROP_VOLUMINEUSE') return 413;
  return 400;
}

export function problemReply(value: ProblemV2, headers: Readonly<Record<string, string>> = {}): LegacyReply {
  return { status: value.status, headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}
