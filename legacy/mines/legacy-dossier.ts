import type { Substance, UniteSuperficie } from './procedures.js';
import type { CodeEtat } from './states.js';
import type { PieceRecue } from './piece-store.js';

/** One step of a dossier's history, as the system writes it. */
export interface EtapeMines {
  CodeEtat: CodeEtat;
  /** `JJ/MM/AAAA HH:MM`, Lomé time (UTC). */
  Date: string;
  Observation: string | null;
}

/** One dossier exactly as SIGEM stores and serves it (French PascalCase). */
export interface DossierMines {
  /** `AAAA/NNNNNN`. */
  NumeroDossier: string;
  /** The applicant's NIU, which this system calls NUI. */
  NuiDemandeur: string;
  CodeProcedure: string;
  CodeEtat: CodeEtat;
  LibelleEtat: string;
  DateDepot: string;
  DateMaj: string;
  /**
   * Company or cooperative applying, if not a person in their own name. Free text in dossiers from before the
   * register of operators (the seeded ones); the registered name when `NifSociete` is set.
   */
  RaisonSociale: string | null;
  /** The applicant company's NIF and RCCM, when filed for a company of the register (`NuiDemandeur` is then its mandate holder who filed). */
  NifSociete: string | null;
  RccmSociete: string | null;
  /** Commune code and locality of the site; null for procedures without a site. */
  Commune: string | null;
  Localite: string | null;
  FraisDossierFcfa: number;
  /** Mining titles only (null otherwise): the substance by SIGEM's code, the surface in the title's own unit. */
  Substance: Substance | null;
  Superficie: number | null;
  UniteSuperficie: UniteSuperficie | null;
  Historique: EtapeMines[];
  /** Documents the ministry waits for (meaningful while `CodeEtat` is `COMPL`). */
  PiecesDemandees: string[];
  RefExterne: string | null;
  /** Files received for the dossier (`POST …/pieces`); absent until the first. */
  PiecesRecues?: PieceRecue[];
}

/** `JJ/MM/AAAA HH:MM` of an instant (Lomé is UTC+0 all year). */
export function dateLegacy(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

const legacyDatePattern = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/;

/** Epoch milliseconds of a `JJ/MM/AAAA HH:MM` date, or NaN. */
export function parseDateLegacy(text: string): number {
  const match = legacyDatePattern.exec(text);
  if (!match) return NaN;
  const [, dd, mm, yyyy, hh, mi] = match;
  return Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), Number(hh), Number(mi));
}
