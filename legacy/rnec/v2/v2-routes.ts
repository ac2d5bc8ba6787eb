import type { IncomingMessage } from 'node:http';
import { operationOf, receiveMultipartFiles, type JsonReply, type LegacyRoute, type MultipartRefusal, type RouteRequest } from '../../shared/index.js';
import { MAX_NIU_PER_CALL, type RnecRegistry } from '../rnec-registry.js';
import { RnecFault } from '../rnec-fault.js';
import { decodeFeedCursor, encodeFeedCursor } from './v2-cursor.js';
import { RnecV2Operation } from './v2-operations.js';
import { acteV2, demandeV2, personneV2, pieceV2 } from './v2-records.js';

/** A JSON answer (201 with a `Location`, …); refusals are thrown as RnecFault and become problem documents. */
export type V2Reply = JsonReply;

export interface V2Request extends RouteRequest {
  readonly registry: RnecRegistry;
  readonly body: () => Promise<unknown>;
}

/** A v2 route; its pattern includes the `/v2` prefix. */
export type V2Route = LegacyRoute<V2Request, V2Reply>;

const DEFAULT_FEED_PAGE = 500;
const MAX_FEED_PAGE = 1_000;
const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const ok = (body: unknown): V2Reply => ({ status: 200, body });

/** The v2 routes in matching order. Handlers reach the same RnecRegistry as the SOAP port. */
export const v2Routes: readonly V2Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/personnes\/?$/,
    operation: RnecV2Operation.consulterPersonnes,
    handle: ({ registry, query }) => {
      const nius = query
        .getAll('niu')
        .flatMap((value) => value.split(','))
        .map((niu) => niu.trim())
        .filter(Boolean);
      if (nius.length === 0) throw new RnecFault('PARAMETRE_INVALIDE', 'Au moins un paramètre niu est attendu.');
      if (nius.length > MAX_NIU_PER_CALL) throw new RnecFault('TROP_DE_NIU', `Au plus ${MAX_NIU_PER_CALL} NIU par appel (${nius.length} reçus).`);
      const { found, unknown } = registry.consulterPersonnes(nius);
      return ok({ personnes: found.map(personneV2), introuvables: unknown });
    },
  },
  { method: 'GET', pattern: /^\/v2\/personnes\/([^/]+)\/?$/, operation: RnecV2Operation.consulterPersonne, handle: ({ registry, params }) => ok(personneV2(registry.consulterPersonne(params[0]))) },
  {
    method: 'GET',
    pattern: /^\/v2\/personnes\/([^/]+)\/actes\/?$/,
    operation: RnecV2Operation.listerActes,
    handle: ({ registry, params }) => ok({ actes: registry.listerActes(params[0]).map(acteV2) }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/personnes\/([^/]+)\/demandes\/?$/,
    operation: RnecV2Operation.listerDemandes,
    handle: ({ registry, params }) => ok({ demandes: registry.listerDemandes(params[0]).map(demandeV2) }),
  },
  { method: 'GET', pattern: /^\/v2\/actes\/([^/]+)\/?$/, operation: RnecV2Operation.consulterActe, handle: ({ registry, params }) => ok(acteV2(registry.consulterActe(params[0]))) },
  {
    method: 'GET',
    pattern: /^\/v2\/demandes\/modifications\/?$/,
    operation: RnecV2Operation.demandesModifiees,
    handle: ({ registry, query }) => changesPage(registry, query),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/demandes\/([^/]+)\/pieces\/?$/,
    operation: RnecV2Operation.listerPieces,
    handle: ({ registry, params }) => ok({ pieces: registry.listerPieces(params[0]).map(pieceV2) }),
  },
  { method: 'POST', pattern: /^\/v2\/demandes\/([^/]+)\/pieces\/?$/, operation: RnecV2Operation.deposerPieces, handle: (request) => deposerPieces(request) },
  { method: 'GET', pattern: /^\/v2\/demandes\/([^/]+)\/?$/, operation: RnecV2Operation.suivreDemande, handle: ({ registry, params }) => ok(demandeV2(registry.suivreDemande(params[0]))) },
  {
    method: 'GET',
    pattern: /^\/v2\/demandes\/?$/,
    operation: RnecV2Operation.rechercherDemandes,
    handle: ({ registry, query }) => ok({ demandes: registry.rechercherParReferenceExterne(query.get('referenceExterne') ?? '').map(demandeV2) }),
  },
  {
    method: 'POST',
    pattern: /^\/v2\/demandes\/?$/,
    operation: RnecV2Operation.demanderCopieActe,
    handle: async ({ registry, body }) => {
      const input = await body();
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RnecFault('PARAMETRE_INVALIDE', 'Le corps doit être un objet JSON.');
      const { niu, numeroActe, nombreCopies, referenceExterne } = input as Record<string, unknown>;
      if (typeof nombreCopies !== 'number') throw new RnecFault('PARAMETRE_INVALIDE', 'nombreCopies doit être un nombre.');
      // Not idempotent, exactly like DemanderCopieActe: the same referenceExterne twice files two requests.
      const demande = demandeV2(registry.demanderCopieActe({ niu, actNumber: numeroActe, copies: nombreCopies, externalReference: referenceExterne }));
      return { status: 201, body: demande, headers: { location: `/v2/demandes/${demande.numero}` } };
    },
  },
];

/**
 * Files sent for a request, one multipart file part per piece named by its nature: into the same register (and the
 * same limits) as `DeposerPieces`, so either API lists what the other received. 201 with every piece now held.
 */
async function deposerPieces({ registry, params, req }: V2Request): Promise<V2Reply> {
  // An unknown request is refused before its files are read.
  const { NUMERO_DEMANDE } = registry.suivreDemande(params[0]);
  const { maxPiecesPerDeposit, maxPieceBytes } = registry.pieceLimits;
  const received = await receiveMultipartFiles(req, { maxFiles: maxPiecesPerDeposit, maxFileBytes: maxPieceBytes });
  if (!received.ok) throw refusalFault(received.refusal);
  const held = registry.deposerPieces(
    NUMERO_DEMANDE,
    received.files.map((file) => ({ nature: file.name, nomFichier: file.filename, typeMime: file.mimeType, contenu: file.bytes })),
  );
  return { status: 201, body: { pieces: held.map(pieceV2) }, headers: { location: `/v2/demandes/${NUMERO_DEMANDE}/pieces` } };
}

/** A multipart body refused, in the register's codes (the same as `DeposerPieces`' Faults). */
function refusalFault(refusal: MultipartRefusal): RnecFault {
  switch (refusal.kind) {
    case 'not-multipart':
      return new RnecFault('PARAMETRE_INVALIDE', 'Le dépôt de pièces attend un corps multipart/form-data.');
    case 'unreadable':
      return new RnecFault('PARAMETRE_INVALIDE', 'Le corps multipart est illisible.');
    case 'no-file':
      return new RnecFault('PARAMETRE_INVALIDE', 'Au moins une pièce est attendue.');
    case 'too-many-files':
      return new RnecFault('TROP_DE_PIECES', `Au plus ${refusal.maxFiles} pièces par dépôt.`);
    case 'file-too-large':
      return new RnecFault('PIECE_TROP_VOLUMINEUSE', `La pièce ${refusal.name} dépasse ${refusal.maxFileBytes} octets.`);
  }
}

/** The change feed, oldest change first, by pages of `limite` with an opaque `curseurSuivant` (null on the last). */
function changesPage(registry: RnecRegistry, query: URLSearchParams): V2Reply {
  const depuis = query.get('depuis') ?? '';
  const sinceMs = isoInstantPattern.test(depuis) ? Date.parse(depuis) : Number.NaN;
  if (Number.isNaN(sinceMs)) throw new RnecFault('PARAMETRE_INVALIDE', 'depuis doit être un instant ISO 8601 (2026-11-01T08:00:00Z).');
  const limit = query.has('limite') ? Number(query.get('limite')) : DEFAULT_FEED_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) throw new RnecFault('PARAMETRE_INVALIDE', `limite doit être un entier de 1 à ${MAX_FEED_PAGE}.`);
  const cursorText = query.get('curseur');
  const after = cursorText ? decodeFeedCursor(cursorText, sinceMs) : undefined;
  const changes = registry.changedSince(sinceMs).filter((s) => !after || s.modifiedMs > after.afterMs || (s.modifiedMs === after.afterMs && s.demande.NUMERO_DEMANDE > after.afterNumber));
  const page = changes.slice(0, limit);
  const last = page.at(-1);
  const curseurSuivant = changes.length > limit && last ? encodeFeedCursor({ afterMs: last.modifiedMs, afterNumber: last.demande.NUMERO_DEMANDE, sinceMs }) : null;
  return ok({ demandes: page.map((s) => demandeV2(s.demande)), curseurSuivant });
}

/** The operation a request under `/v2` is counted under, for the fault layer. */
export function v2OperationOf(req: IncomingMessage): string {
  return operationOf(v2Routes, req, RnecV2Operation.inconnue);
}
