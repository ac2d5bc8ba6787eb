import { DEFAULT_MAX_RESPONSE_BYTES, chunk, createCallPolicy, badPayload, mapWithConcurrency, type ReceivedPiece } from '../shared/index.js';
import { dossierList, dossierPage, oneDossier, pieceList } from './legacy-payloads.js';
import { mapDossier } from './map-dossier.js';
import type { UrbanismeAdapterOptions } from './options.js';
import { numeroOf, requireNumero } from './references.js';
import { natureOfProjectKind } from './stages.js';
import type { BuildingPermitRecord, UrbanismeAdapter } from './types.js';
import { createUrbanismeHttp } from './urbanisme-http.js';
import { validateInstant, validateNiu, validatePermitInput } from './validate-input.js';

/** Urbanisme's limits: 20 numeros per batch call, 100 dossiers per page. */
const BATCH_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** A runaway cursor chain (a cycle, a broken server) must not loop forever. */
const MAX_PAGES = 1_000;

/** The Urbanisme adapter: absorbs the in-200 errors, cursors, `+00:00` dates and stage codes; see types.ts. */
export function createUrbanismeAdapter(options: UrbanismeAdapterOptions): UrbanismeAdapter {
  const { baseUrl, timeoutMs, maxConcurrency = 4, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, policy = createCallPolicy({ system: 'urbanisme', timeoutMs, ...options.resilience }) } = options;
  const http = createUrbanismeHttp(baseUrl, policy, maxResponseBytes);

  const listPage = async (params: { demandeur_niu?: string; curseur?: string; limite: number }) => {
    const operation = 'listerDossiers';
    const page = await http.request({ method: 'GET', url: '/api/dossiers', params, operation, idempotent: true }, dossierPage);
    return { items: page.dossiers.map((d) => mapDossier(d, operation)), totalCount: page.total, nextCursor: page.curseur_suivant };
  };

  const listDossiersOfCitizen = async (niu: string): Promise<readonly BuildingPermitRecord[]> => {
    validateNiu(niu, 'listerDossiers');
    const items: BuildingPermitRecord[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await listPage({ demandeur_niu: niu, limite: MAX_PAGE_SIZE, ...(cursor ? { curseur: cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
      if (cursor === null) return items;
      if (seen.has(cursor)) throw badPayload('urbanisme', 'listerDossiers', 'cursor chain loops');
      seen.add(cursor);
    }
    throw badPayload('urbanisme', 'listerDossiers', `more than ${MAX_PAGES} pages for one applicant`);
  };

  return {
    listDossiersOfCitizen,

    listApplications: ({ cursor, limit }) => listPage({ limite: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit))), ...(cursor ? { curseur: cursor } : {}) }),

    async getApplication(reference) {
      const operation = 'consulterDossier';
      const numero = requireNumero(reference, operation);
      const reply = await http.request({ method: 'GET', url: `/api/dossiers/${encodeURIComponent(numero)}`, operation, idempotent: true }, oneDossier);
      return mapDossier(reply.dossier, operation);
    },

    async getDossiers(references) {
      const operation = 'consulterDossiersParNumeros';
      // A malformed reference cannot exist: left out like an unknown one, so it does not fail the others' batch.
      const numeros = [...new Set(references.flatMap((r) => numeroOf(r) ?? []))];
      const batches = await mapWithConcurrency(chunk(numeros, BATCH_SIZE), maxConcurrency, (batch) =>
        http.request({ method: 'GET', url: '/api/dossiers', params: { numeros: batch.join(',') }, operation, idempotent: true }, dossierList),
      );
      const found = new Map<string, BuildingPermitRecord>();
      for (const batch of batches)
        for (const dossier of batch.dossiers) {
          const record = mapDossier(dossier, operation);
          found.set(record.reference, record);
        }
      return found;
    },

    async findDossierByExternalReference(externalReference, niu) {
      // Urbanisme cannot search by it: list the applicant's dossiers. The oldest wins if a retried POST made two.
      const all = await listDossiersOfCitizen(niu);
      return all.find((record) => record.externalReference === externalReference) ?? null;
    },

    async submitDossier(input) {
      const operation = 'deposerDossier';
      const valid = validatePermitInput(input, operation);
      const data = {
        demandeur_niu: valid.niu,
        titre_foncier: valid.landTitle,
        architecte: { numero_ordre: valid.architectRegistration },
        commune: valid.communeCode,
        quartier: valid.quarter,
        nature_projet: natureOfProjectKind[valid.projectKind],
        surface_plancher_m2: valid.floorAreaM2,
        niveaux: valid.levels,
        reference_externe: valid.externalReference,
      };
      const reply = await http.request({ method: 'POST', url: '/api/dossiers', data, operation, idempotent: false }, oneDossier);
      return mapDossier(reply.dossier, operation);
    },

    async listPieces(reference) {
      const operation = 'listerPieces';
      const numero = requireNumero(reference, operation);
      const reply = await http.request({ method: 'GET', url: `/api/dossiers/${encodeURIComponent(numero)}/pieces`, operation, idempotent: true }, pieceList);
      return reply.pieces.map(receivedPiece);
    },

    async sendPieces(reference, files) {
      const operation = 'deposerPieces';
      const numero = requireNumero(reference, operation);
      const form = new FormData();
      // One part per file, named by its nature: how Urbanisme files pieces (REST multipart, legacy/urbanisme/README.md).
      for (const file of files) form.append(file.kind, new Blob([file.bytes], { type: file.mediaType }), file.filename);
      const reply = await http.request({ method: 'POST', url: `/api/dossiers/${encodeURIComponent(numero)}/pieces`, data: form, operation, idempotent: false }, pieceList);
      return reply.pieces.map(receivedPiece);
    },

    async listChangedDossiers(since) {
      const operation = 'changements';
      validateInstant(since, operation);
      const reply = await http.request({ method: 'GET', url: '/api/dossiers/changements', params: { depuis: since }, operation, idempotent: true }, dossierList);
      return reply.dossiers.map((d) => mapDossier(d, operation));
    },
  };
}

function receivedPiece(piece: { type_piece: string; nom_fichier: string; type_mime: string; taille_octets: number; sha256: string }): ReceivedPiece {
  return { kind: piece.type_piece, filename: piece.nom_fichier, mediaType: piece.type_mime, size: piece.taille_octets, sha256: piece.sha256 };
}
