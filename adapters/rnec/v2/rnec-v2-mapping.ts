import type { CivilActKind } from '../types.js';
import { actRecordOf, citizenRecordOf, copyRequestRecordOf } from '../rnec-mapping.js';
import type { ActeV2, DemandeV2, PersonneV2 } from './rnec-v2-payloads.js';

const kinds: Readonly<Record<ActeV2['type'], CivilActKind>> = { NAISSANCE: 'BIRTH', MARIAGE: 'MARRIAGE', DECES: 'DEATH' };

/** v2 sends instants with seconds; RNEC keeps minutes, and so does every clean record (the same on both paths). */
const minute = (instant: string) => `${instant.slice(0, 16)}:00Z`;

export function citizenOfV2(p: PersonneV2) {
  return citizenRecordOf({ niu: p.niu, lastName: p.nom, firstNames: p.prenoms, sex: p.sexe, birthDate: p.dateNaissance, birthCommuneCode: p.communeNaissance, deathDate: p.dateDeces });
}

export function actOfV2(a: ActeV2) {
  return actRecordOf({ number: a.numero, kind: kinds[a.type], date: a.dateEvenement, communeCode: a.commune, personNius: a.niuConcernes });
}

export function copyRequestOfV2(operation: string, d: DemandeV2) {
  return copyRequestRecordOf(operation, {
    number: d.numero,
    applicantNiu: d.niuDemandeur,
    actNumber: d.numeroActe,
    kind: kinds[d.typeActe],
    copies: d.nombreCopies,
    externalReference: d.referenceExterne === '' ? null : d.referenceExterne,
    status: d.statut,
    deliveryCommuneCode: d.communeRetrait,
    submittedAt: minute(d.deposeeLe),
    updatedAt: minute(d.modifieeLe),
    history: d.historique.map((step) => ({ status: step.statut, at: minute(step.le) })),
  });
}
