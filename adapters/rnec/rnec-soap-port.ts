import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { CallPolicy, PieceToSend, ReceivedPiece } from '../shared/index.js';
import { toActRecord, toCitizenRecord, toCopyRequestRecord } from './rnec-mapping.js';
import { responses, type pieceSchema } from './rnec-payloads.js';
import { MAX_DEPOSIT_REQUEST_BYTES, type RnecPort } from './rnec-port.js';
import { createRnecSoapClient, type MtomAttachment } from './rnec-soap-client.js';
import type { z } from 'zod';

const read = { idempotent: true } as const;

/** `jj/mm/aaaa hh:mm`, Lomé = UTC. */
function rnecInstant(since: Date): string {
  const iso = since.toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

const XOP_NAMESPACE = 'http://www.w3.org/2004/08/xop/include';

function receivedPiece(piece: z.infer<typeof pieceSchema>): ReceivedPiece {
  return { kind: piece.NATURE, filename: piece.NOM_FICHIER, mediaType: piece.TYPE_MIME, size: piece.TAILLE, sha256: piece.EMPREINTE };
}

/**
 * `DeposerPieces`'s arguments: each file's bytes in CONTENU as base64, or (MTOM) an `xop:Include` naming a part
 * sent beside the envelope. node-soap writes a `$xml` value raw: only our own content id goes into it.
 */
function depositArgs(requestNumber: string, files: readonly PieceToSend[], mtom: boolean): { args: Record<string, unknown>; attachments: MtomAttachment[] } {
  const attachments: MtomAttachment[] = [];
  const PIECE = files.map((file) => {
    let CONTENU: unknown = file.bytes.toString('base64');
    if (mtom) {
      const contentId = `${randomUUID()}@guichet`;
      attachments.push({ contentId, bytes: file.bytes });
      CONTENU = { $xml: `<xop:Include xmlns:xop="${XOP_NAMESPACE}" href="cid:${encodeURIComponent(contentId)}"/>` };
    }
    return { NATURE: file.kind, NOM_FICHIER: file.filename, TYPE_MIME: file.mediaType, CONTENU };
  });
  return { args: { NUMERO_DEMANDE: requestNumber, PIECE }, attachments };
}

/** RNEC v1, SOAP 1.1 (`RNEC_URL`), as a port. `mtom`: send pieces as MTOM parts rather than base64 (RNEC_PIECES_MTOM). */
export function createRnecSoapPort({ url, http, policy, mtom = false }: { url: string; http: AxiosInstance; policy: CallPolicy; mtom?: boolean }): RnecPort {
  const soap = createRnecSoapClient({ url, http, policy });
  return {
    operations: {
      person: 'ConsulterPersonne',
      persons: 'ConsulterPersonnes',
      actsOf: 'ListerActes',
      act: 'ConsulterActe',
      fileCopyRequest: 'DemanderCopieActe',
      copyRequest: 'SuivreDemande',
      copyRequestsByExternalReference: 'RechercherDemandeParReferenceExterne',
      copyRequestsOf: 'ListerDemandes',
      changedCopyRequests: 'ListerDemandesModifiees',
      pieces: 'ListerPieces',
      sendPieces: 'DeposerPieces',
    },
    async person(niu) {
      const { PERSONNE } = await soap.call('ConsulterPersonne', { NIU: niu }, responses.personne, read);
      return toCitizenRecord('ConsulterPersonne', PERSONNE);
    },
    async persons(nius) {
      const { PERSONNE } = await soap.call('ConsulterPersonnes', { NIU: nius }, responses.personnes, read);
      return PERSONNE.map((personne) => toCitizenRecord('ConsulterPersonnes', personne));
    },
    async actsOf(niu) {
      const { ACTE } = await soap.call('ListerActes', { NIU: niu }, responses.actes, read);
      return ACTE.map((acte) => toActRecord('ListerActes', acte));
    },
    async act(actNumber) {
      const { ACTE } = await soap.call('ConsulterActe', { NUMERO_ACTE: actNumber }, responses.acte, read);
      return toActRecord('ConsulterActe', ACTE);
    },
    async fileCopyRequest(input) {
      const args = { NIU: input.niu, NUMERO_ACTE: input.actNumber, NOMBRE_COPIES: input.copies, REFERENCE_EXTERNE: input.externalReference };
      const { DEMANDE } = await soap.call('DemanderCopieActe', args, responses.demande, { idempotent: false });
      return toCopyRequestRecord('DemanderCopieActe', DEMANDE);
    },
    async copyRequest(requestNumber) {
      const { DEMANDE } = await soap.call('SuivreDemande', { NUMERO_DEMANDE: requestNumber }, responses.demande, read);
      return toCopyRequestRecord('SuivreDemande', DEMANDE);
    },
    async copyRequestsByExternalReference(externalReference) {
      const operation = 'RechercherDemandeParReferenceExterne';
      const { DEMANDE } = await soap.call(operation, { REFERENCE_EXTERNE: externalReference }, responses.demandes, read);
      return DEMANDE.map((demande) => toCopyRequestRecord(operation, demande));
    },
    async copyRequestsOf(niu) {
      const { DEMANDE } = await soap.call('ListerDemandes', { NIU: niu }, responses.demandes, read);
      return DEMANDE.map((demande) => toCopyRequestRecord('ListerDemandes', demande));
    },
    async changedCopyRequests(since) {
      const operation = 'ListerDemandesModifiees';
      const { DEMANDE } = await soap.call(operation, { DEPUIS: rnecInstant(since) }, responses.demandes, read);
      return DEMANDE.map((demande) => toCopyRequestRecord(operation, demande));
    },
    async pieces(requestNumber) {
      const { PIECE } = await soap.call('ListerPieces', { NUMERO_DEMANDE: requestNumber }, responses.pieces, read);
      return PIECE.map(receivedPiece);
    },
    async sendPieces(requestNumber, files) {
      const { args, attachments } = depositArgs(requestNumber, files, mtom);
      // Not idempotent at RNEC (a piece sent twice is held twice): never retried; the forwarder lists first.
      const options = { idempotent: false, maxRequestBytes: MAX_DEPOSIT_REQUEST_BYTES, ...(mtom ? { mtom: attachments } : {}) };
      const { PIECE } = await soap.call('DeposerPieces', args, responses.pieces, options);
      return PIECE.map(receivedPiece);
    },
  };
}
