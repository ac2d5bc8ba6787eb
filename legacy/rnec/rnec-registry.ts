import { FileDepot, type DepositedFile, type DossierAdminOutcome, type FilePart } from '../shared/index.js';
import type { CopyRequestStatus, World } from '../world/index.js';
import { parseRnecInstant, toRnecDate, toRnecTime } from './rnec-format.js';
import { RnecFault } from './rnec-fault.js';
import { acteFromWorld, demandeFromWorld, etape, personneFromWorld, type ActeRnec, type DemandeRnec, type PersonneRnec, type PieceRnec, type StoredDemande } from './rnec-records.js';

/** Most NIUs one `ConsulterPersonnes` call accepts. */
export const MAX_NIU_PER_CALL = 50;
const MAX_COPIES = 10;

/** RNEC's limits on one deposit of pieces (`DeposerPieces`, `POST /v2/demandes/{numero}/pieces`). */
export interface PieceLimits {
  /** Pieces in one deposit. Default 20. */
  readonly maxPiecesPerDeposit: number;
  /** Bytes of one piece, decoded. Default 25 MB. */
  readonly maxPieceBytes: number;
}

export const defaultPieceLimits: PieceLimits = { maxPiecesPerDeposit: 20, maxPieceBytes: 25_000_000 };

/** One piece as a deposit brings it: the API has decoded the bytes (base64, MTOM or multipart); the rest is unchecked. */
export interface PieceADeposer {
  readonly nature: unknown;
  readonly nomFichier: unknown;
  readonly typeMime: unknown;
  readonly contenu: Buffer;
}

const niuPattern = /^\d{12}$/;
const actPattern = /^[NMD]-[A-Z0-9]+-\d{4}-\d{6}$/;
const requestPattern = /^DC-\d{4}-\d{6}$/;

/**
 * The registry's data and rules, in its legacy shape, in memory. Every refusal is an RnecFault; the SOAP layer
 * turns it into a Fault.
 */
export class RnecRegistry {
  private readonly persons = new Map<string, PersonneRnec>();
  private readonly acts = new Map<string, ActeRnec>();
  private readonly actsByNiu = new Map<string, ActeRnec[]>();
  private readonly requests = new Map<string, StoredDemande>();
  private readonly requestsByNiu = new Map<string, StoredDemande[]>();
  private readonly requestsByExternalReference = new Map<string, StoredDemande[]>();
  private readonly lastSequenceByYear = new Map<number, number>();
  /** One store of pieces for both APIs: a file deposited over SOAP is listed over v2, and the other way round. */
  private readonly pieces = new FileDepot();

  constructor(
    world: World,
    private readonly clock: () => Date = () => new Date(),
    readonly pieceLimits: PieceLimits = defaultPieceLimits,
  ) {
    for (const person of world.persons) this.persons.set(person.niu, personneFromWorld(person));
    for (const act of world.acts) {
      const acte = acteFromWorld(act);
      this.acts.set(acte.NUMERO_ACTE, acte);
      for (const niu of acte.NIU_CONCERNE) push(this.actsByNiu, niu, acte);
    }
    for (const request of world.copyRequests) this.store(demandeFromWorld(request));
  }

  consulterPersonne(niu: unknown): PersonneRnec {
    return this.person(checkNiu(niu));
  }

  /** Known persons, plus the NIUs it does not know (`INTROUVABLES`) rather than a fault for a partial batch. */
  consulterPersonnes(nius: unknown[]): { found: PersonneRnec[]; unknown: string[] } {
    if (nius.length > MAX_NIU_PER_CALL) throw new RnecFault('TROP_DE_NIU', `Au plus ${MAX_NIU_PER_CALL} NIU par appel (${nius.length} reçus).`);
    const found: PersonneRnec[] = [];
    const unknown: string[] = [];
    for (const niu of nius.map(checkNiu)) {
      const person = this.persons.get(niu);
      if (person) found.push(person);
      else unknown.push(niu);
    }
    return { found, unknown };
  }

  listerActes(niu: unknown): ActeRnec[] {
    const person = this.person(checkNiu(niu));
    return this.actsByNiu.get(person.NIU) ?? [];
  }

  consulterActe(number: unknown): ActeRnec {
    const acte = this.acts.get(checkPattern(number, actPattern, 'NUMERO_ACTE'));
    if (!acte) throw new RnecFault('ACTE_INTROUVABLE', `Aucun acte ne porte le numéro ${String(number)}.`);
    return acte;
  }

  /** Not idempotent, like the real register: the same REFERENCE_EXTERNE twice files two requests. */
  demanderCopieActe(input: { niu: unknown; actNumber: unknown; copies: unknown; externalReference: unknown }): DemandeRnec {
    const person = this.person(checkNiu(input.niu));
    const acte = this.consulterActe(input.actNumber);
    const copies = typeof input.copies === 'number' ? input.copies : Number(input.copies);
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      throw new RnecFault('PARAMETRE_INVALIDE', `NOMBRE_COPIES doit être un entier de 1 à ${MAX_COPIES}.`);
    }
    const reference = input.externalReference === undefined || input.externalReference === null || input.externalReference === '' ? undefined : String(input.externalReference);
    if (reference !== undefined && reference.length > 64) throw new RnecFault('PARAMETRE_INVALIDE', 'REFERENCE_EXTERNE dépasse 64 caractères.');
    const now = this.clock();
    const instant = now.toISOString();
    const year = now.getUTCFullYear();
    const sequence = (this.lastSequenceByYear.get(year) ?? 0) + 1;
    const first = etape('RECUE', instant);
    const stored: StoredDemande = {
      demande: {
        NUMERO_DEMANDE: `DC-${year}-${String(sequence).padStart(6, '0')}`,
        NIU_DEMANDEUR: person.NIU,
        NUMERO_ACTE: acte.NUMERO_ACTE,
        TYPE_ACTE: acte.TYPE_ACTE,
        NOMBRE_COPIES: copies,
        ...(reference !== undefined ? { REFERENCE_EXTERNE: reference } : {}),
        STATUT: 'RECUE',
        // Copies are delivered by the registry office that holds the act.
        COMMUNE_RETRAIT: acte.COMMUNE,
        DATE_DEPOT: first.DATE,
        HEURE_DEPOT: first.HEURE,
        DATE_MAJ: first.DATE,
        HEURE_MAJ: first.HEURE,
        HISTORIQUE: { ETAPE: [first] },
      },
      modifiedMs: now.getTime(),
    };
    this.store(stored);
    return stored.demande;
  }

  suivreDemande(number: unknown): DemandeRnec {
    const stored = this.requests.get(checkPattern(number, requestPattern, 'NUMERO_DEMANDE'));
    if (!stored) throw new RnecFault('DEMANDE_INTROUVABLE', `Aucune demande ne porte le numéro ${String(number)}.`);
    return stored.demande;
  }

  rechercherParReferenceExterne(reference: unknown): DemandeRnec[] {
    if (typeof reference !== 'string' || reference === '') throw new RnecFault('PARAMETRE_INVALIDE', 'REFERENCE_EXTERNE est obligatoire.');
    return (this.requestsByExternalReference.get(reference) ?? []).map((s) => s.demande);
  }

  /**
   * Adds pieces to a copy request and returns every piece it now holds, oldest first. Like the real register it
   * checks nothing of what a file is, and keeps a file sent twice (callers list first). The whole deposit is
   * refused, nothing kept, if one piece is refused.
   */
  deposerPieces(number: unknown, pieces: readonly PieceADeposer[]): PieceRnec[] {
    const { NUMERO_DEMANDE } = this.suivreDemande(number);
    const { maxPiecesPerDeposit, maxPieceBytes } = this.pieceLimits;
    if (pieces.length === 0) throw new RnecFault('PARAMETRE_INVALIDE', 'Au moins une PIECE est attendue.');
    if (pieces.length > maxPiecesPerDeposit) throw new RnecFault('TROP_DE_PIECES', `Au plus ${maxPiecesPerDeposit} pièces par dépôt (${pieces.length} reçues).`);
    const received = pieces.map((piece, index): FilePart => {
      const nature = requiredText(piece.nature, 'NATURE', index, 64);
      const nomFichier = requiredText(piece.nomFichier, 'NOM_FICHIER', index, 255);
      const typeMime = requiredText(piece.typeMime, 'TYPE_MIME', index, 127);
      if (piece.contenu.length === 0) throw new RnecFault('PARAMETRE_INVALIDE', `PIECE ${index + 1} : CONTENU vide.`);
      if (piece.contenu.length > maxPieceBytes) {
        throw new RnecFault('PIECE_TROP_VOLUMINEUSE', `PIECE ${index + 1} (${nomFichier}) : ${piece.contenu.length} octets, au plus ${maxPieceBytes}.`);
      }
      return { name: nature, filename: nomFichier, mimeType: typeMime, bytes: piece.contenu };
    });
    return this.pieces.add(NUMERO_DEMANDE, received, this.clock().getTime()).map(pieceRnec);
  }

  /** The pieces a copy request holds, oldest first (none for a request filed at the counter). */
  listerPieces(number: unknown): PieceRnec[] {
    const { NUMERO_DEMANDE } = this.suivreDemande(number);
    return this.pieces.of(NUMERO_DEMANDE).map(pieceRnec);
  }

  /** Addition to the published v1: the requests a person filed. */
  listerDemandes(niu: unknown): DemandeRnec[] {
    const person = this.person(checkNiu(niu));
    return (this.requestsByNiu.get(person.NIU) ?? []).map((s) => s.demande);
  }

  /** Change feed: requests changed at or after `DEPUIS` (minute precision, so inclusive), oldest change first. */
  listerDemandesModifiees(since: unknown): DemandeRnec[] {
    const sinceMs = typeof since === 'string' ? parseRnecInstant(since) : undefined;
    if (sinceMs === undefined) throw new RnecFault('PARAMETRE_INVALIDE', 'DEPUIS doit être au format jj/mm/aaaa hh:mm.');
    return this.changedSince(sinceMs).map((s) => s.demande);
  }

  /**
   * Moves a request to `statut` (`EN_VERIFICATION`, `SIGNEE`, `DISPONIBLE`, `REJETEE`…), as an officer would: a step
   * dated now, `DATE_MAJ`/`HEURE_MAJ` now, so both change feeds report it. The admin endpoint's operation
   * (`POST /__admin/dossiers/<NUMERO_DEMANDE>/status`).
   */
  setStatus(numero: string, statut: string, nowMs: number = this.clock().getTime()): DossierAdminOutcome {
    const stored = this.requests.get(numero);
    if (!stored) return { kind: 'not-found' };
    if (!isCopyRequestStatus(statut)) return { kind: 'invalid', error: `unknown RNEC status ${statut}: expected one of ${copyRequestStatuses.join(', ')}` };
    const step = etape(statut, new Date(nowMs).toISOString());
    const { demande } = stored;
    demande.STATUT = statut;
    demande.DATE_MAJ = step.DATE;
    demande.HEURE_MAJ = step.HEURE;
    demande.HISTORIQUE.ETAPE.push(step);
    stored.modifiedMs = nowMs;
    return { kind: 'done', dossier: demande };
  }

  /** Requests changed at or after `sinceMs`, oldest change first (ties by number): both APIs' change feeds. */
  changedSince(sinceMs: number): StoredDemande[] {
    return [...this.requests.values()].filter((s) => s.modifiedMs >= sinceMs).sort((a, b) => a.modifiedMs - b.modifiedMs || a.demande.NUMERO_DEMANDE.localeCompare(b.demande.NUMERO_DEMANDE));
  }

  private person(niu: string): PersonneRnec {
    const person = this.persons.get(niu);
    if (!person) throw new RnecFault('PERSONNE_INTROUVABLE', `Aucune personne ne porte le NIU ${niu}.`);
    return person;
  }

  private store(stored: StoredDemande): void {
    const { NUMERO_DEMANDE, NIU_DEMANDEUR, REFERENCE_EXTERNE } = stored.demande;
    this.requests.set(NUMERO_DEMANDE, stored);
    push(this.requestsByNiu, NIU_DEMANDEUR, stored);
    if (REFERENCE_EXTERNE) push(this.requestsByExternalReference, REFERENCE_EXTERNE, stored);
    const [, year, sequence] = NUMERO_DEMANDE.split('-');
    const y = Number(year);
    this.lastSequenceByYear.set(y, Math.max(this.lastSequenceByYear.get(y) ?? 0, Number(sequence)));
  }
}

/** A file of the depot as RNEC words it: upper-case names, `jj/mm/aaaa` and `hh:mm` of the deposit. */
function pieceRnec(file: DepositedFile): PieceRnec {
  const instant = new Date(file.receivedAtMs).toISOString();
  return { NATURE: file.nature, NOM_FICHIER: file.filename, TYPE_MIME: file.mimeType, TAILLE: file.size, EMPREINTE: file.sha256, DATE_DEPOT: toRnecDate(instant), HEURE_DEPOT: toRnecTime(instant) };
}

const copyRequestStatuses: readonly CopyRequestStatus[] = ['RECUE', 'EN_VERIFICATION', 'SIGNEE', 'DISPONIBLE', 'REJETEE'];
const isCopyRequestStatus = (value: string): value is CopyRequestStatus => (copyRequestStatuses as readonly string[]).includes(value);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function requiredText(value: unknown, field: string, index: number, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw new RnecFault('PARAMETRE_INVALIDE', `PIECE ${index + 1} : ${field} est obligatoire (au plus ${maxLength} caractères).`);
  }
  return value;
}

function checkNiu(value: unknown): string {
  return checkPattern(value, niuPattern, 'NIU', 'Le NIU doit comporter 12 chiffres.');
}

function checkPattern(value: unknown, pattern: RegExp, field: string, message = `${field} est mal formé.`): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new RnecFault('PARAMETRE_INVALIDE', message);
  return value;
}
