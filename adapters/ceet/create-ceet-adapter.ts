import { DEFAULT_MAX_RESPONSE_BYTES, badPayload, chunk, createCallPolicy, isAdapterError, mapWithConcurrency, type CallPolicy, type ReceivedPiece, type ResilienceOptions } from '../shared/index.js';
import { createCeetClient } from './ceet-http.js';
import { toElectricityRequestRecord } from './map-dossier.js';
import { CeetOperation } from './ceet-operations.js';
import { demandeSchema, listPayload, pagePayload, piecesPayload, santePayload, type DemandePayload } from './legacy-payloads.js';
import { numeroOfReference } from './references.js';
import type { CeetAdapter, ElectricityRequestRecord } from './types.js';
import { badUserInput, validateNiu, validateRequestInput } from './validate-input.js';

export interface CeetAdapterOptions {
  /** CEET's base URL, e.g. `http://127.0.0.1:4202`. */
  readonly baseUrl: string;
  /** Sent as `X-Api-Key`. */
  readonly apiKey: string;
  /** Upper bound on one attempt, connection to last byte. Default 3000. */
  readonly timeoutMs?: number;
  /** Deadline, retries of reads, circuit breaker, bulkhead (used by the default policy); see ResilienceOptions. */
  readonly resilience?: ResilienceOptions;
  /** Most calls in flight for one batch or page walk. Default 4. */
  readonly maxConcurrency?: number;
  /** Largest answer read from CEET (after decompression); a bigger one is BAD_BACKEND_RESPONSE. Default 5 MB. */
  readonly maxResponseBytes?: number;
  /** Default: `createCallPolicy({ system: 'ceet', timeoutMs, ...resilience })`. */
  readonly policy?: CallPolicy;
}

/** CEET's `?numeros=` limit. */
const NUMEROS_PER_CALL = 20;
/** Page size when walking a citizen's requests. */
const CITIZEN_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
/** A citizen with more pages than this means a broken `total`, not a real household. */
const MAX_CITIZEN_PAGES = 100;

export function createCeetAdapter(options: CeetAdapterOptions): CeetAdapter {
  const { baseUrl, apiKey, timeoutMs = 3_000, maxConcurrency = 4, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const policy = options.policy ?? createCallPolicy({ system: 'ceet', timeoutMs, ...options.resilience });
  const client = createCeetClient({ baseUrl, apiKey, policy, maxResponseBytes });
  const toRecords = (demandes: readonly DemandePayload[]) => demandes.map(toElectricityRequestRecord);

  const listPage = (page: number, taille: number, niu?: string) =>
    client.call({ method: 'GET', url: '/v1/demandes', params: { niu, page, taille }, operation: CeetOperation.listerDemandes, idempotent: true }, pagePayload);

  return {
    async listDossiersOfCitizen(niu) {
      const operation = CeetOperation.listerDemandes;
      validateNiu(niu, operation);
      const first = await listPage(1, CITIZEN_PAGE_SIZE, niu);
      const pages = Math.ceil(first.total / CITIZEN_PAGE_SIZE);
      if (pages > MAX_CITIZEN_PAGES) throw badPayload('ceet', operation, `implausible total ${first.total} for one citizen`);
      const rest = await mapWithConcurrency(
        Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2),
        maxConcurrency,
        (page) => listPage(page, CITIZEN_PAGE_SIZE, niu),
      );
      // A request filed while we walk shifts the pages: keep each numero once.
      const unique = new Map<string, DemandePayload>();
      for (const demande of [first, ...rest].flatMap((p) => p.demandes)) if (!unique.has(demande.numero)) unique.set(demande.numero, demande);
      return toRecords([...unique.values()]);
    },

    async listRequests({ page, pageSize }) {
      const problems = [
        ...(Number.isInteger(page) && page >= 1 ? [] : ['Le numéro de page doit être un entier supérieur ou égal à 1.']),
        ...(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE ? [] : [`La taille de page doit être un entier de 1 à ${MAX_PAGE_SIZE}.`]),
      ];
      if (problems.length > 0) throw badUserInput(CeetOperation.listerDemandes, problems);
      const reply = await listPage(page, pageSize);
      return { items: toRecords(reply.demandes), totalCount: reply.total };
    },

    async getRequest(reference) {
      const operation = CeetOperation.consulterDemande;
      const numero = numeroOfReference(reference, operation);
      const demande = await client.call({ method: 'GET', url: `/v1/demandes/${encodeURIComponent(numero)}`, operation, idempotent: true }, demandeSchema);
      return toElectricityRequestRecord(demande);
    },

    async getDossiers(references) {
      const operation = CeetOperation.consulterDemandesParNumeros;
      const wanted = new Map([...new Set(references)].map((reference) => [numeroOfReference(reference, operation), reference]));
      const replies = await mapWithConcurrency(chunk([...wanted.keys()], NUMEROS_PER_CALL), maxConcurrency, (numeros) =>
        client.call({ method: 'GET', url: '/v1/demandes', params: { numeros: numeros.join(',') }, operation, idempotent: true }, listPayload),
      );
      const found = new Map<string, ElectricityRequestRecord>();
      for (const demande of replies.flatMap((r) => r.demandes)) {
        const reference = wanted.get(demande.numero);
        if (reference !== undefined) found.set(reference, toElectricityRequestRecord(demande));
      }
      return found;
    },

    async findDossierByExternalReference(externalReference) {
      const operation = CeetOperation.rechercherParReferenceExterne;
      if (!externalReference.trim()) throw badUserInput(operation, ['La référence externe est obligatoire.']);
      const reply = await client.call({ method: 'GET', url: '/v1/demandes', params: { referenceExterne: externalReference }, operation, idempotent: true }, listPayload);
      // A retried POST may have filed it twice: the first one filed is the one that counts.
      const [oldest] = [...reply.demandes].sort((a, b) => a.dateDepot.localeCompare(b.dateDepot) || a.numero.localeCompare(b.numero));
      return oldest ? toElectricityRequestRecord(oldest) : null;
    },

    async submitDossier(input) {
      const operation = CeetOperation.creerDemande;
      const valid = validateRequestInput(input, operation);
      const body = {
        niuDemandeur: valid.niu,
        typeCompteur: valid.meterType === 'THREE_PHASE' ? 'TRI' : 'MONO',
        commune: valid.communeCode,
        quartier: valid.quarter,
        titreFoncier: valid.landTitle,
        nombreAppareils: valid.applianceCount,
        referenceExterne: valid.externalReference,
      };
      const demande = await client.call({ method: 'POST', url: '/v1/demandes', data: body, operation, idempotent: false }, demandeSchema);
      return toElectricityRequestRecord(demande);
    },

    async listChangedDossiers(since) {
      const operation = CeetOperation.demandesModifiees;
      const sinceMs = /^\d{4}-\d{2}-\d{2}/.test(since) ? Date.parse(since) : Number.NaN;
      if (Number.isNaN(sinceMs)) throw badUserInput(operation, ['La date de départ doit être une date ISO 8601 (2026-10-01T00:00:00Z).']);
      // CEET wants local time to the second (Lomé = UTC); rounding down may repeat a change, never miss one.
      const depuis = new Date(sinceMs).toISOString().slice(0, 19).replace('T', ' ');
      const reply = await client.call({ method: 'GET', url: '/v1/demandes/modifiees', params: { depuis }, operation, idempotent: true }, listPayload);
      return toRecords(reply.demandes);
    },

    async listPieces(reference) {
      const operation = CeetOperation.listerPieces;
      const numero = numeroOfReference(reference, operation);
      const reply = await client.call({ method: 'GET', url: `/v1/demandes/${encodeURIComponent(numero)}/pieces`, operation, idempotent: true }, piecesPayload);
      return reply.pieces.map(receivedPiece);
    },

    async sendPieces(reference, files) {
      const operation = CeetOperation.deposerPieces;
      const numero = numeroOfReference(reference, operation);
      const form = new FormData();
      // One part per file, named by its nature: how CEET files pieces (REST multipart, legacy/ceet/README.md).
      for (const file of files) form.append(file.kind, new Blob([file.bytes], { type: file.mediaType }), file.filename);
      const reply = await client.call({ method: 'POST', url: `/v1/demandes/${encodeURIComponent(numero)}/pieces`, data: form, operation, idempotent: false }, piecesPayload);
      return reply.pieces.map(receivedPiece);
    },

    async checkHealth() {
      try {
        const reply = await client.call({ method: 'GET', url: '/v1/sante', operation: CeetOperation.sante, idempotent: true }, santePayload);
        return reply.statut === 'OK';
      } catch (error) {
        // A health check answers the question instead of raising it.
        if (isAdapterError(error)) return false;
        throw error;
      }
    },
  };
}

function receivedPiece(piece: { nature: string; nomFichier: string; typeMime: string; taille: number; empreinte: string }): ReceivedPiece {
  return { kind: piece.nature, filename: piece.nomFichier, mediaType: piece.typeMime, size: piece.taille, sha256: piece.empreinte };
}
