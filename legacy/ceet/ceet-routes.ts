import { BodyTooLargeError, readBody } from '../../lib/http/index.js';
import { FileDepot, receiveMultipartFiles, type DepositedFile, type MultipartRefusal } from '../shared/index.js';
import { formatHorodatage, parseHorodatage } from './ceet-format.js';
import type { PieceJointe } from './demande.js';
import { CeetOperation } from './ceet-operations.js';
import type { CeetStore } from './ceet-store.js';
import type { JsonReply, Route, RouteContext } from './router.js';
import { validateNouvelleDemande } from './validate-demande.js';

/** Most numeros `?numeros=` accepts in one call. */
export const MAX_NUMEROS = 20;
const MAX_TAILLE = 100;
const TAILLE_PAR_DEFAUT = 20;

/** CEET's error body: a stable code and a French message. */
export function erreur(status: number, code: string, message: string, extra: Record<string, unknown> = {}): JsonReply {
  return { status, body: { erreur: code, message, ...extra } };
}

/** CEET's own limits on a deposit of pieces: 10 files of 10 MB at most. */
const PIECES_LIMITS = { maxFiles: 10, maxFileBytes: 10_000_000 };

/** The routes of CEET's v1 API, in matching order (`/modifiees` before `/{numero}`). */
export function ceetRoutes(store: CeetStore, pieces: FileDepot = new FileDepot()): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/sante\/?$/,
      operation: CeetOperation.sante,
      public: true,
      handle: () => ({ status: 200, body: { statut: 'OK', version: '1.4.2', demandes: store.size } }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/demandes\/([^/]+)\/pieces\/?$/,
      operation: CeetOperation.listerPieces,
      handle: ({ params }) => {
        const numero = params[0] ?? '';
        return store.get(numero) ? { status: 200, body: piecesReply(numero, pieces.of(numero)) } : introuvable(numero);
      },
    },
    { method: 'POST', pattern: /^\/v1\/demandes\/([^/]+)\/pieces\/?$/, operation: CeetOperation.deposerPieces, handle: (context) => deposerPieces(store, pieces, context) },
    { method: 'GET', pattern: /^\/v1\/demandes\/modifiees\/?$/, operation: CeetOperation.demandesModifiees, handle: ({ query }) => demandesModifiees(store, query) },
    {
      method: 'GET',
      pattern: /^\/v1\/demandes\/([^/]+)\/?$/,
      operation: CeetOperation.consulterDemande,
      handle: ({ params }) => {
        const demande = store.get(params[0] ?? '');
        return demande ? { status: 200, body: demande } : introuvable(params[0] ?? '');
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/demandes\/?$/,
      operation: (query) =>
        query.has('numeros') ? CeetOperation.consulterDemandesParNumeros : query.has('referenceExterne') ? CeetOperation.rechercherParReferenceExterne : CeetOperation.listerDemandes,
      handle: ({ query }) => (query.has('numeros') ? parNumeros(store, query) : query.has('referenceExterne') ? parReference(store, query) : lister(store, query)),
    },
    { method: 'POST', pattern: /^\/v1\/demandes\/?$/, operation: CeetOperation.creerDemande, handle: (context) => creer(store, context) },
  ];
}

const introuvable = (numero: string): JsonReply => erreur(404, 'DEMANDE_INTROUVABLE', `Aucune demande ne porte le numéro ${numero}.`);

/** A file as CEET lists it. */
function pieceJointe(file: DepositedFile): PieceJointe {
  return { nature: file.nature, nomFichier: file.filename, typeMime: file.mimeType, taille: file.size, empreinte: file.sha256, dateReception: formatHorodatage(file.receivedAtMs) };
}

const piecesReply = (numero: string, files: readonly DepositedFile[]) => ({ numero, total: files.length, pieces: files.map(pieceJointe) });

/** A deposit refused in CEET's words: 413 for a file over the limit, 400 for the rest. */
function refus(refusal: MultipartRefusal): JsonReply {
  switch (refusal.kind) {
    case 'not-multipart':
      return erreur(400, 'REQUETE_INVALIDE', 'Le dépôt de pièces attend un corps multipart/form-data.');
    case 'unreadable':
      return erreur(400, 'REQUETE_INVALIDE', 'Le corps multipart est illisible.');
    case 'no-file':
      return erreur(400, 'REQUETE_INVALIDE', 'Aucune pièce dans le dépôt.');
    case 'too-many-files':
      return erreur(400, 'TROP_DE_PIECES', `Au plus ${refusal.maxFiles} pièces par dépôt.`);
    case 'file-too-large':
      return erreur(413, 'PIECE_TROP_VOLUMINEUSE', `La pièce ${refusal.name} dépasse ${refusal.maxFileBytes / 1_000_000} Mo.`);
  }
}

/** Files sent for a request: kept as sent (CEET checks nothing of a file, and keeps one sent twice), listed in it too. */
async function deposerPieces(store: CeetStore, pieces: FileDepot, { params, req }: RouteContext): Promise<JsonReply> {
  const numero = params[0] ?? '';
  const demande = store.get(numero);
  if (!demande) return introuvable(numero);
  const received = await receiveMultipartFiles(req, PIECES_LIMITS);
  if (!received.ok) return refus(received.refusal);
  const files = pieces.add(numero, received.files, Date.now());
  // The request shows what it received, in every read of it (by number, batch, search, feed).
  demande.piecesJointes = files.map(pieceJointe);
  return { status: 201, body: piecesReply(numero, files) };
}

function lister(store: CeetStore, query: URLSearchParams): JsonReply {
  const niu = query.get('niu') ?? undefined;
  if (niu !== undefined && !/^\d{12}$/.test(niu)) return erreur(400, 'PARAMETRE_INVALIDE', 'Le paramètre niu doit comporter 12 chiffres.');
  const page = entier(query.get('page'), 1);
  const taille = entier(query.get('taille'), TAILLE_PAR_DEFAUT);
  if (page === undefined || page < 1) return erreur(400, 'PARAMETRE_INVALIDE', 'Le paramètre page doit être un entier supérieur ou égal à 1.');
  if (taille === undefined || taille < 1 || taille > MAX_TAILLE) return erreur(400, 'PARAMETRE_INVALIDE', `Le paramètre taille doit être un entier de 1 à ${MAX_TAILLE}.`);
  const { total, demandes } = store.page({ ...(niu !== undefined ? { niu } : {}), page, taille });
  return { status: 200, body: { page, taille, total, demandes } };
}

function parNumeros(store: CeetStore, query: URLSearchParams): JsonReply {
  const numeros = [
    ...new Set(
      (query.get('numeros') ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  if (numeros.length === 0) return erreur(400, 'PARAMETRE_INVALIDE', 'Le paramètre numeros ne contient aucun numéro.');
  if (numeros.length > MAX_NUMEROS) return erreur(400, 'TROP_DE_NUMEROS', `Au plus ${MAX_NUMEROS} numéros par appel (${numeros.length} reçus).`);
  const demandes = numeros.map((n) => store.get(n)).filter((d) => d !== undefined);
  const introuvables = numeros.filter((n) => store.get(n) === undefined);
  return { status: 200, body: { total: demandes.length, demandes, introuvables } };
}

function parReference(store: CeetStore, query: URLSearchParams): JsonReply {
  const reference = (query.get('referenceExterne') ?? '').trim();
  if (!reference) return erreur(400, 'PARAMETRE_INVALIDE', 'Le paramètre referenceExterne est vide.');
  const demandes = store.byExternalReference(reference);
  return { status: 200, body: { total: demandes.length, demandes } };
}

function demandesModifiees(store: CeetStore, query: URLSearchParams): JsonReply {
  const depuis = query.get('depuis') ?? '';
  if (Number.isNaN(parseHorodatage(depuis))) return erreur(400, 'PARAMETRE_INVALIDE', 'Le paramètre depuis doit être au format aaaa-mm-jj hh:mm:ss.');
  const demandes = store.changedSince(depuis);
  return { status: 200, body: { depuis, total: demandes.length, demandes } };
}

async function creer(store: CeetStore, { req }: RouteContext): Promise<JsonReply> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, 64_000));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return erreur(413, 'REQUETE_TROP_VOLUMINEUSE', 'Le corps de la requête est trop volumineux.');
    return erreur(400, 'REQUETE_INVALIDE', 'Le corps de la requête n’est pas un JSON valide.');
  }
  const validation = validateNouvelleDemande(body);
  if (!validation.ok) return erreur(422, 'DONNEES_INVALIDES', validation.message, { champs: validation.champs });
  return { status: 201, body: store.create(validation.demande) };
}

/** A whole number from a query parameter, the fallback when absent, undefined when garbage. */
function entier(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
