import type { AxiosInstance } from 'axios';
import type { CallPolicy } from '../shared/index.js';
import { toActRecord, toCitizenRecord, toCopyRequestRecord } from './rnec-mapping.js';
import { responses } from './rnec-payloads.js';
import type { RnecPort } from './rnec-port.js';
import { createRnecSoapClient } from './rnec-soap-client.js';

const read = { idempotent: true } as const;

/** `jj/mm/aaaa hh:mm`, Lomé = UTC. */
function rnecInstant(since: Date): string {
  const iso = since.toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** RNEC v1, SOAP 1.1 (`RNEC_URL`), as a port. */
export function createRnecSoapPort({ url, http, policy }: { url: string; http: AxiosInstance; policy: CallPolicy }): RnecPort {
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
  };
}
