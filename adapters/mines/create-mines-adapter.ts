import { DEFAULT_MAX_RESPONSE_BYTES, badPayload, chunk, createCallPolicy, mapWithConcurrency } from '../shared/index.js';
import { createMinesHttp } from './mines-http.js';
import { dossierList, dossierPage, legacyDateOf, oneDossier, pieceList } from './legacy-payloads.js';
import { mapDossier } from './map-dossier.js';
import type { MinesAdapterOptions } from './options.js';
import { HECTARES_PER_KM2, procedureOfCode } from './procedures.js';
import { numeroOf, requireNumero } from './references.js';
import { legacyCodeOfSubstance } from './substances.js';
import type { ReceivedPiece } from '../shared/index.js';
import type { EnergyMinesApplicationRecord, MinesAdapter } from './types.js';
import { validateApplicationInput, validateInstant, validateNiu } from './validate-input.js';

/** The system's limits: 25 numbers per batch call, 50 dossiers per page. */
const BATCH_SIZE = 25;
const MAX_PAGE_SIZE = 50;
/** A runaway page chain (a broken server) must not loop forever. */
const MAX_PAGES = 1_000;

/** The SIGEM adapter: absorbs the envelope, `JJ/MM/AAAA HH:MM` dates, slash numbers, state codes and surface units; see types.ts. */
export function createMinesAdapter(options: MinesAdapterOptions): MinesAdapter {
  const { baseUrl, timeoutMs, maxConcurrency = 4, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, policy = createCallPolicy({ system: 'mines', timeoutMs, ...options.resilience }) } = options;
  const http = createMinesHttp(baseUrl, policy, maxResponseBytes);

  const listPage = async (params: { nui?: string; page: number; taille: number }) => {
    const operation = 'listerDossiers';
    const reply = await http.request({ method: 'GET', url: '/api/v2/dossiers', params, operation, idempotent: true }, dossierPage);
    return { items: reply.Donnees.Dossiers.map((d) => mapDossier(d, operation)), totalCount: reply.Donnees.Total };
  };

  return {
    async listDossiersOfCitizen(niu) {
      validateNiu(niu, 'listerDossiers');
      const items: EnergyMinesApplicationRecord[] = [];
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const result = await listPage({ nui: niu, page, taille: MAX_PAGE_SIZE });
        items.push(...result.items);
        if (result.items.length === 0 || items.length >= result.totalCount) return items;
      }
      throw badPayload('mines', 'listerDossiers', `more than ${MAX_PAGES} pages for one applicant`);
    },

    listApplications: ({ page, pageSize }) => listPage({ page: Math.max(1, Math.floor(page)), taille: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize))) }),

    async getApplication(reference) {
      const operation = 'consulterDossier';
      const numero = requireNumero(reference, operation);
      const reply = await http.request({ method: 'GET', url: `/api/v2/dossiers/${numero}`, operation, idempotent: true }, oneDossier);
      return mapDossier(reply.Donnees, operation);
    },

    async getDossiers(references) {
      const operation = 'consulterDossiers';
      // A malformed reference cannot exist: left out like an unknown one, so it does not fail the others' batch.
      const numeros = [...new Set(references.flatMap((r) => numeroOf(r) ?? []))];
      const batches = await mapWithConcurrency(chunk(numeros, BATCH_SIZE), maxConcurrency, (batch) =>
        http.request({ method: 'GET', url: '/api/v2/dossiers', params: { numeros: batch.join(';') }, operation, idempotent: true }, dossierList),
      );
      const found = new Map<string, EnergyMinesApplicationRecord>();
      for (const batch of batches)
        for (const dossier of batch.Donnees.Dossiers) {
          const record = mapDossier(dossier, operation);
          found.set(record.reference, record);
        }
      return found;
    },

    async findDossierByExternalReference(externalReference) {
      const operation = 'rechercherParRefExterne';
      const reply = await http.request({ method: 'GET', url: '/api/v2/dossiers', params: { refExterne: externalReference }, operation, idempotent: true }, dossierList);
      const first = reply.Donnees.Dossiers[0];
      return first ? mapDossier(first, operation) : null;
    },

    async submitDossier(input) {
      const operation = 'deposerDossier';
      const valid = validateApplicationInput(input, operation);
      const mining = procedureOfCode(valid.procedureCode)?.mining ?? null;
      const data = {
        NuiDemandeur: valid.niu,
        CodeProcedure: valid.legacyCode,
        RaisonSociale: valid.companyName,
        NifSociete: valid.company?.nif ?? null,
        RccmSociete: valid.company?.rccm ?? null,
        Commune: valid.communeCode,
        Localite: valid.locality,
        // SIGEM keeps each title in its own unit (a permit in km², a small site in hectares).
        Substance: mining && valid.substance ? legacyCodeOfSubstance[valid.substance] : null,
        Superficie: mining && valid.areaHectares !== null ? (mining.legacyUnit === 'KM2' ? valid.areaHectares / HECTARES_PER_KM2 : valid.areaHectares) : null,
        UniteSuperficie: mining?.legacyUnit ?? null,
        RefExterne: valid.externalReference,
      };
      const reply = await http.request({ method: 'POST', url: '/api/v2/dossiers', data, operation, idempotent: false }, oneDossier);
      return mapDossier(reply.Donnees, operation);
    },

    async listPieces(reference) {
      const operation = 'listerPieces';
      const reply = await http.request({ method: 'GET', url: `/api/v2/dossiers/${requireNumero(reference, operation)}/pieces`, operation, idempotent: true }, pieceList);
      return reply.Donnees.Pieces.map(receivedPiece);
    },

    async sendPieces(reference, files) {
      const operation = 'deposerPieces';
      const form = new FormData();
      // One part per file, named by its nature: how SIGEM files pieces (REST multipart, legacy/mines/README.md).
      for (const file of files) form.append(file.kind, new Blob([file.bytes], { type: file.mediaType }), file.filename);
      const reply = await http.request({ method: 'POST', url: `/api/v2/dossiers/${requireNumero(reference, operation)}/pieces`, data: form, operation, idempotent: false }, pieceList);
      return reply.Donnees.Pieces.map(receivedPiece);
    },

    async listChangedDossiers(since) {
      const operation = 'mouvements';
      validateInstant(since, operation);
      const reply = await http.request({ method: 'GET', url: '/api/v2/mouvements', params: { depuis: legacyDateOf(since) }, operation, idempotent: true }, dossierList);
      return reply.Donnees.Dossiers.map((d) => mapDossier(d, operation));
    },
  };
}

function receivedPiece(piece: { Nature: string; NomFichier: string; TypeMime: string; Taille: number; Empreinte: string }): ReceivedPiece {
  return { kind: piece.Nature, filename: piece.NomFichier, mediaType: piece.TypeMime, size: piece.Taille, sha256: piece.Empreinte };
}
