import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { badPayload, type CallPolicy, type ReceivedPiece } from '../../shared/index.js';
import type { CivilActCopyRequestRecord } from '../types.js';
import type { RnecPort } from '../rnec-port.js';
import { createRnecV2Client } from './rnec-v2-client.js';
import { actOfV2, citizenOfV2, copyRequestOfV2 } from './rnec-v2-mapping.js';
import { v2Responses } from './rnec-v2-payloads.js';

/** RNEC v2's operation names, as its simulator counts them (`/__admin/calls`, FAULT_OPERATIONS). */
export const RnecV2Operation = {
  person: 'v2.consulterPersonne',
  persons: 'v2.consulterPersonnes',
  actsOf: 'v2.listerActes',
  act: 'v2.consulterActe',
  fileCopyRequest: 'v2.demanderCopieActe',
  copyRequest: 'v2.suivreDemande',
  copyRequestsByExternalReference: 'v2.rechercherDemandes',
  copyRequestsOf: 'v2.listerDemandes',
  changedCopyRequests: 'v2.demandesModifiees',
  pieces: 'v2.listerPieces',
  sendPieces: 'v2.deposerPieces',
} as const;

const receivedPiece = (piece: z.infer<typeof v2Responses.pieces>['pieces'][number]): ReceivedPiece => ({
  kind: piece.nature,
  filename: piece.nomFichier,
  mediaType: piece.typeMime,
  size: piece.taille,
  sha256: piece.empreinte,
});

/** The largest page of the change feed v2 serves; the adapter follows the cursor to the end. */
const FEED_PAGE = 1_000;
/** A feed longer than this many pages is a loop (a cursor that never ends), not a feed. */
const MAX_FEED_PAGES = 10_000;

const segment = encodeURIComponent;

/**
 * RNEC v2, REST/JSON (`RNEC_V2_URL`), as a port. Paths carry identifiers already checked by the caller. Deposits of
 * pieces go through `uploadHttp` (the same transport with a request cap sized for a full deposit; default `http`).
 */
export function createRnecV2Port({ http, uploadHttp = http, policy }: { http: AxiosInstance; uploadHttp?: AxiosInstance; policy: CallPolicy }): RnecPort {
  const v2 = createRnecV2Client({ http, policy });
  const upload = createRnecV2Client({ http: uploadHttp, policy });
  const op = RnecV2Operation;
  const get = (operation: string, url: string, params?: Readonly<Record<string, string | number | undefined>>) =>
    ({ method: 'GET', url, operation, idempotent: true, ...(params ? { params } : {}) }) as const;
  return {
    operations: op,
    async person(niu) {
      return citizenOfV2(await v2.call(get(op.person, `personnes/${segment(niu)}`), v2Responses.personne));
    },
    async persons(nius) {
      // Repeated `niu=` parameters: axios would write `niu[]=`; the query is built here.
      const query = nius.map((niu) => `niu=${segment(niu)}`).join('&');
      const { personnes } = await v2.call(get(op.persons, `personnes?${query}`), v2Responses.personnes);
      return personnes.map(citizenOfV2);
    },
    async actsOf(niu) {
      const { actes } = await v2.call(get(op.actsOf, `personnes/${segment(niu)}/actes`), v2Responses.actes);
      return actes.map(actOfV2);
    },
    async act(actNumber) {
      return actOfV2(await v2.call(get(op.act, `actes/${segment(actNumber)}`), v2Responses.acte));
    },
    async fileCopyRequest(input) {
      const data = { niu: input.niu, numeroActe: input.actNumber, nombreCopies: input.copies, referenceExterne: input.externalReference };
      // Not idempotent at RNEC: a POST is never retried (the policy retries only idempotent calls).
      const demande = await v2.call({ method: 'POST', url: 'demandes', data, operation: op.fileCopyRequest, idempotent: false }, v2Responses.demande);
      return copyRequestOfV2(op.fileCopyRequest, demande);
    },
    async copyRequest(requestNumber) {
      return copyRequestOfV2(op.copyRequest, await v2.call(get(op.copyRequest, `demandes/${segment(requestNumber)}`), v2Responses.demande));
    },
    async copyRequestsByExternalReference(externalReference) {
      const { demandes } = await v2.call(get(op.copyRequestsByExternalReference, 'demandes', { referenceExterne: externalReference }), v2Responses.demandes);
      return demandes.map((d) => copyRequestOfV2(op.copyRequestsByExternalReference, d));
    },
    async copyRequestsOf(niu) {
      const { demandes } = await v2.call(get(op.copyRequestsOf, `personnes/${segment(niu)}/demandes`), v2Responses.demandes);
      return demandes.map((d) => copyRequestOfV2(op.copyRequestsOf, d));
    },
    async changedCopyRequests(since) {
      const depuis = since.toISOString();
      const records: CivilActCopyRequestRecord[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_FEED_PAGES; page += 1) {
        const params: Record<string, string | number> = { depuis, limite: FEED_PAGE, ...(cursor ? { curseur: cursor } : {}) };
        // Each page is one call through the policy: retried on its own, never the whole feed again.
        const reply = await v2.call(get(op.changedCopyRequests, 'demandes/modifications', params), v2Responses.modifications);
        records.push(...reply.demandes.map((d) => copyRequestOfV2(op.changedCopyRequests, d)));
        cursor = reply.curseurSuivant;
        if (cursor === null) return records;
      }
      throw badPayload('rnec', op.changedCopyRequests, `change feed longer than ${MAX_FEED_PAGES} pages (a cursor that never ends)`);
    },
    async pieces(requestNumber) {
      const { pieces } = await v2.call(get(op.pieces, `demandes/${segment(requestNumber)}/pieces`), v2Responses.pieces);
      return pieces.map(receivedPiece);
    },
    async sendPieces(requestNumber, files) {
      const form = new FormData();
      // One file part per piece, named by its nature, as v2 (and SIGEM) file pieces.
      for (const file of files) form.append(file.kind, new Blob([file.bytes], { type: file.mediaType }), file.filename);
      // Not idempotent at RNEC: a POST is never retried (the policy retries only idempotent calls).
      const call = { method: 'POST', url: `demandes/${segment(requestNumber)}/pieces`, data: form, operation: op.sendPieces, idempotent: false } as const;
      const { pieces } = await upload.call(call, v2Responses.pieces);
      return pieces.map(receivedPiece);
    },
  };
}
