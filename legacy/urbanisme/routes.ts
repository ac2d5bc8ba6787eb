import { readBody } from '../../lib/http/index.js';
import type { Architecte } from './architect-register.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseDeposit } from './deposit-request.js';
import type { DossierStore } from './dossier-store.js';
import { legacyInstant, type PieceRecue } from './legacy-dossier.js';
import { FileDepot, receiveMultipartFiles, type DepositedFile, type MultipartRefusal } from '../shared/index.js';
import { ErreurUrbanisme, ok } from './replies.js';
import type { Route } from './router.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MAX_NUMEROS = 20;
/** Urbanisme's own limits on a deposit of pieces: 15 files of 20 MB at most. */
const PIECES_LIMITS = { maxFiles: 15, maxFileBytes: 20_000_000 };
const isoPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Urbanisme's API. Operation names (call counter, FAULT_OPERATIONS): `listerDossiers`, `consulterDossiersParNumeros`,
 * `consulterDossier`, `deposerDossier`, `listerPieces`, `deposerPieces`, `changements` (and `routeInconnue` for anything else).
 */
export function urbanismeRoutes(store: DossierStore, register: ReadonlyMap<string, Architecte>, pieces: FileDepot = new FileDepot()): Route[] {
  const existing = (numero: string) => {
    const dossier = store.get(numero);
    if (!dossier) throw new ErreurUrbanisme('DOSSIER_INTROUVABLE', `Aucun dossier ne porte le numéro ${numero}.`);
    return dossier;
  };
  return [
    {
      method: 'GET',
      pattern: /^\/api\/dossiers\/([^/]+)\/pieces\/?$/,
      operation: 'listerPieces',
      handle: ({ params }) => {
        const numero = existing(params[0] ?? '').numero;
        return ok({ numero, pieces: pieces.of(numero).map(pieceRecue) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/dossiers\/([^/]+)\/pieces\/?$/,
      operation: 'deposerPieces',
      handle: async ({ params, req }) => {
        const dossier = existing(params[0] ?? '');
        const received = await receiveMultipartFiles(req, PIECES_LIMITS);
        if (!received.ok) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', refus(received.refusal));
        // Kept as sent (nothing is checked of a file, one sent twice is kept twice), and shown in the dossier itself.
        dossier.pieces_recues = pieces.add(dossier.numero, received.files, Date.now()).map(pieceRecue);
        return ok({ numero: dossier.numero, pieces: dossier.pieces_recues });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/dossiers\/changements\/?$/,
      operation: 'changements',
      handle: ({ query }) => {
        const depuis = query.get('depuis') ?? '';
        const sinceMs = isoPattern.test(depuis) ? Date.parse(depuis) : NaN;
        if (Number.isNaN(sinceMs)) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Le paramètre depuis doit être une date ISO 8601.');
        return ok({ depuis, dossiers: store.changedSince(sinceMs) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/dossiers\/([^/]+)\/?$/,
      operation: 'consulterDossier',
      handle: ({ params }) => {
        const numero = params[0] ?? '';
        const dossier = store.get(numero);
        if (!dossier) throw new ErreurUrbanisme('DOSSIER_INTROUVABLE', `Aucun dossier ne porte le numéro ${numero}.`);
        return ok({ dossier });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/dossiers\/?$/,
      operation: 'consulterDossiersParNumeros',
      when: (query) => query.has('numeros'),
      handle: ({ query }) => {
        const numeros = (query.get('numeros') ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
        if (numeros.length === 0) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Le paramètre numeros est vide.');
        if (numeros.length > MAX_NUMEROS) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', `Au plus ${MAX_NUMEROS} numéros par requête (${numeros.length} reçus).`);
        const dossiers = numeros.flatMap((n) => store.get(n) ?? []);
        const introuvables = numeros.filter((n) => !store.get(n));
        return ok({ dossiers, introuvables });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/dossiers\/?$/,
      operation: 'listerDossiers',
      handle: ({ query }) => {
        const niu = query.get('demandeur_niu') || null;
        if (niu !== null && !/^\d{12}$/.test(niu)) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Le NIU du demandeur doit comporter 12 chiffres.');
        const limite = query.has('limite') ? Number(query.get('limite')) : DEFAULT_PAGE_SIZE;
        if (!Number.isInteger(limite) || limite < 1 || limite > MAX_PAGE_SIZE) {
          throw new ErreurUrbanisme('PARAMETRE_INVALIDE', `Le paramètre limite doit être un entier entre 1 et ${MAX_PAGE_SIZE}.`);
        }
        const curseur = query.get('curseur');
        const afterRank = curseur ? decodeCursor(curseur, niu).afterRank : -1;
        const page = store.page({ niu, afterRank, limit: limite });
        const curseur_suivant = page.lastRank === null ? null : encodeCursor({ afterRank: page.lastRank, niu });
        return ok({ dossiers: page.dossiers, curseur_suivant, total: page.total });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/dossiers\/?$/,
      operation: 'deposerDossier',
      handle: async ({ req }) => {
        const text = await readBody(req, 64_000).catch(() => {
          throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Corps de requête trop volumineux.');
        });
        return ok({ dossier: store.add(parseDeposit(text, register, Date.now())) });
      },
    },
  ];
}

/** A file as Urbanisme lists it. */
function pieceRecue(file: DepositedFile): PieceRecue {
  return { type_piece: file.nature, nom_fichier: file.filename, type_mime: file.mimeType, taille_octets: file.size, sha256: file.sha256, recue_le: legacyInstant(file.receivedAtMs) };
}

/** Why a deposit of pieces was refused, in Urbanisme's words (always PARAMETRE_INVALIDE, inside an HTTP 200). */
function refus(refusal: MultipartRefusal): string {
  switch (refusal.kind) {
    case 'not-multipart':
      return 'Le dépôt de pièces attend un corps multipart/form-data.';
    case 'unreadable':
      return 'Corps multipart illisible.';
    case 'no-file':
      return 'Aucune pièce dans le dépôt.';
    case 'too-many-files':
      return `Au plus ${refusal.maxFiles} pièces par dépôt.`;
    case 'file-too-large':
      return `La pièce ${refusal.name} dépasse ${refusal.maxFileBytes / 1_000_000} Mo.`;
  }
}
