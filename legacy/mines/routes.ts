import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../lib/http/index.js';
import { createRouteListener, jsonReply, routeRequest, type LegacyRoute, type RouteRequest } from '../shared/index.js';
import { parseDeposit } from './deposit.js';
import type { CompanyRegister } from './company-register.js';
import type { DossierStore } from './dossier-store.js';
import { parseDateLegacy } from './legacy-dossier.js';
import { PieceStore } from './piece-store.js';
import { receivePieces } from './receive-pieces.js';
import { codesErreur, corpsErreur, ErreurMines, ok, type Reponse } from './replies.js';

const MAX_PAGE_SIZE = 50;
const MAX_NUMEROS = 25;

/** One route; `operation` names it for the call counter and fault targeting. */
export type Route = LegacyRoute<RouteRequest, Reponse>;

const positiveInt = (value: string | null, fallback: number, max: number, name: string): number => {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ErreurMines('PARAMETRE_INVALIDE', `Le paramètre ${name} doit être un entier entre 1 et ${max}.`);
  return n;
};

/**
 * The system's API. Operation names (call counter, FAULT_OPERATIONS): `listerDossiers`, `consulterDossiers`,
 * `rechercherParRefExterne`, `consulterDossier`, `deposerDossier`, `listerPieces`, `deposerPieces`, `mouvements`, `sante`
 * (and `routeInconnue`).
 */
export function minesRoutes(store: DossierStore, register: CompanyRegister, pieces: PieceStore = new PieceStore()): Route[] {
  const existing = (params: readonly string[]): string => {
    const numero = `${params[0] ?? ''}/${params[1] ?? ''}`;
    if (!store.get(numero)) throw new ErreurMines('DOSSIER_INEXISTANT', `Le dossier ${numero} n’existe pas.`);
    return numero;
  };
  return [
    {
      method: 'GET',
      pattern: /^\/api\/v2\/dossiers\/(\d{4})\/(\d{6})\/pieces\/?$/,
      operation: 'listerPieces',
      handle: ({ params }) => ok({ Pieces: pieces.of(existing(params)) }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/v2\/dossiers\/(\d{4})\/(\d{6})\/pieces\/?$/,
      operation: 'deposerPieces',
      handle: async ({ params, req }) => {
        const numero = existing(params);
        pieces.add(numero, await receivePieces(req));
        // The dossier lists what it received, in every read of it (by number, batch, search, feed).
        const dossier = store.get(numero);
        if (dossier) dossier.PiecesRecues = [...pieces.of(numero)];
        return ok({ Pieces: pieces.of(numero) }, 201);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/sante\/?$/,
      operation: 'sante',
      handle: () => ok({ Statut: 'OK', Dossiers: store.size, Societes: register.size }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/mouvements\/?$/,
      operation: 'mouvements',
      handle: ({ query }) => {
        const sinceMs = parseDateLegacy(query.get('depuis') ?? '');
        if (Number.isNaN(sinceMs)) throw new ErreurMines('PARAMETRE_INVALIDE', 'Le paramètre depuis doit être au format JJ/MM/AAAA HH:MM.');
        return ok({ Dossiers: store.changedSince(sinceMs) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/dossiers\/(\d{4})\/(\d{6})\/?$/,
      operation: 'consulterDossier',
      handle: ({ params }) => {
        const numero = `${params[0] ?? ''}/${params[1] ?? ''}`;
        const dossier = store.get(numero);
        if (!dossier) throw new ErreurMines('DOSSIER_INEXISTANT', `Le dossier ${numero} n’existe pas.`);
        return ok(dossier);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/dossiers\/?$/,
      operation: 'consulterDossiers',
      when: (query) => query.has('numeros'),
      handle: ({ query }) => {
        const numeros = (query.get('numeros') ?? '')
          .split(';')
          .map((n) => n.trim())
          .filter(Boolean);
        if (numeros.length === 0) throw new ErreurMines('PARAMETRE_INVALIDE', 'Le paramètre numeros est vide.');
        if (numeros.length > MAX_NUMEROS) throw new ErreurMines('PARAMETRE_INVALIDE', `Au plus ${MAX_NUMEROS} numéros par requête (${numeros.length} reçus).`);
        return ok({ Dossiers: numeros.flatMap((n) => store.get(n) ?? []), Inconnus: numeros.filter((n) => !store.get(n)) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/dossiers\/?$/,
      operation: 'rechercherParRefExterne',
      when: (query) => query.has('refExterne'),
      handle: ({ query }) => ok({ Dossiers: store.withRefExterne(query.get('refExterne') ?? '') }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/dossiers\/?$/,
      operation: 'listerDossiers',
      handle: ({ query }) => {
        const nui = query.get('nui') || null;
        if (nui !== null && !/^\d{12}$/.test(nui)) throw new ErreurMines('PARAMETRE_INVALIDE', 'Le NUI du demandeur doit comporter 12 chiffres.');
        const page = positiveInt(query.get('page'), 1, 1_000_000, 'page');
        const taille = positiveInt(query.get('taille'), 20, MAX_PAGE_SIZE, 'taille');
        const result = store.page({ nui, page, taille });
        return ok({ Dossiers: result.dossiers, Page: page, Taille: taille, Total: result.total });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/v2\/dossiers\/?$/,
      operation: 'deposerDossier',
      handle: async ({ req }) => {
        const text = await readBody(req, 64_000).catch(() => {
          throw new ErreurMines('PARAMETRE_INVALIDE', 'Corps de requête trop volumineux.');
        });
        return ok(store.add(parseDeposit(text, Date.now(), register)), 201);
      },
    },
  ];
}

/** The application's request listener: `{ Succes, Donnees }` or `{ Succes: false, Erreur }` with the error's status. */
export function createRequestListener(routes: readonly Route[]): (req: IncomingMessage, res: ServerResponse) => void {
  return createRouteListener({
    routes,
    request: routeRequest,
    reply: (reply: Reponse) => jsonReply(reply.status, { Succes: true, Donnees: reply.donnees }),
    unmatched: (req) => jsonReply(404, corpsErreur('ROUTE_INCONNUE', `Aucune ressource pour ${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0] ?? '/'}.`)),
    failed: (error) =>
      error instanceof ErreurMines ? jsonReply(codesErreur[error.code], corpsErreur(error.code, error.message)) : jsonReply(500, corpsErreur('ERREUR_TECHNIQUE', 'Erreur technique du serveur.')),
  });
}
