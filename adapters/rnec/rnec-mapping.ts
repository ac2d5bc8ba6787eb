import { DossierStatus } from '../../schema/dossier-status.js';
import { ProcedureCode } from '../../schema/procedures.js';
import { badPayload, titleCase, type DossierStep } from '../shared/index.js';
import { communeName, communePlace } from './rnec-communes.js';
import { referenceOf } from './rnec-input.js';
import type { Acte, Demande, Personne, RnecStatus } from './rnec-payloads.js';
import type { CitizenRecord, CivilActCopyRequestRecord, CivilActKind, CivilActRecord } from './types.js';

/** `07/03/2019` → `2019-03-07`; anything else is RNEC's mistake. */
export function isoDateOf(operation: string, text: string): string {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = match ? `${match[3]}-${match[2]}-${match[1]}` : '';
  if (!match || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw badPayload('rnec', operation, `unreadable RNEC date ${JSON.stringify(text)}`);
  }
  return iso;
}

/** `07/03/2019` + `10:15` → `2019-03-07T10:15:00Z` (Lomé is UTC+0 all year). */
export function isoInstantOf(operation: string, date: string, time: string): string {
  const day = isoDateOf(operation, date);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw badPayload('rnec', operation, `unreadable RNEC time ${JSON.stringify(time)}`);
  return `${day}T${match[1]}:${match[2]}:00Z`;
}

const actKinds: Readonly<Record<Acte['TYPE_ACTE'], CivilActKind>> = { N: 'BIRTH', M: 'MARRIAGE', D: 'DEATH' };
const procedures: Readonly<Record<Acte['TYPE_ACTE'], ProcedureCode>> = {
  N: ProcedureCode.BIRTH_ACT_COPY,
  M: ProcedureCode.MARRIAGE_ACT_COPY,
  D: ProcedureCode.DEATH_ACT_COPY,
};

/** RNEC's copy request statuses: the normalized status and the label agents know. */
const statuses: Readonly<Record<RnecStatus, { readonly status: DossierStatus; readonly label: string }>> = {
  RECUE: { status: DossierStatus.SUBMITTED, label: 'Demande reçue' },
  EN_VERIFICATION: { status: DossierStatus.IN_PROGRESS, label: 'En vérification' },
  SIGNEE: { status: DossierStatus.IN_PROGRESS, label: 'Copie signée' },
  DISPONIBLE: { status: DossierStatus.COMPLETED, label: 'Disponible au retrait' },
  REJETEE: { status: DossierStatus.REJECTED, label: 'Demande rejetée' },
};

export function toCitizenRecord(operation: string, p: Personne): CitizenRecord {
  return {
    niu: p.NIU,
    firstNames: titleCase(p.PRENOMS),
    lastName: titleCase(p.NOM),
    sex: p.SEXE,
    birthDate: isoDateOf(operation, p.DATE_NAISSANCE),
    birthCommuneCode: p.COMMUNE_NAISSANCE,
    birthPlace: communePlace(p.COMMUNE_NAISSANCE),
    deathDate: p.DATE_DECES ? isoDateOf(operation, p.DATE_DECES) : null,
  };
}

export function toActRecord(operation: string, a: Acte): CivilActRecord {
  return {
    number: a.NUMERO_ACTE,
    kind: actKinds[a.TYPE_ACTE],
    date: isoDateOf(operation, a.DATE_EVENEMENT),
    communeCode: a.COMMUNE,
    communeName: communeName(a.COMMUNE),
    personNius: a.NIU_CONCERNE,
  };
}

export function toCopyRequestRecord(operation: string, d: Demande): CivilActCopyRequestRecord {
  const reference = referenceOf(d.NUMERO_DEMANDE);
  if (!reference) throw badPayload('rnec', operation, `unexpected request number ${JSON.stringify(d.NUMERO_DEMANDE)}`);
  const history: DossierStep[] = d.HISTORIQUE.ETAPE.map((step) => ({
    status: statuses[step.STATUT].status,
    ministryStatus: statuses[step.STATUT].label,
    at: isoInstantOf(operation, step.DATE, step.HEURE),
  })).sort((a, b) => a.at.localeCompare(b.at));
  const current = statuses[d.STATUT];
  return {
    reference,
    applicantNiu: d.NIU_DEMANDEUR,
    status: current.status,
    ministryStatus: current.label,
    ministryStatusCode: d.STATUT,
    submittedAt: isoInstantOf(operation, d.DATE_DEPOT, d.HEURE_DEPOT),
    updatedAt: isoInstantOf(operation, d.DATE_MAJ, d.HEURE_MAJ),
    history,
    nextAction: d.STATUT === 'DISPONIBLE' ? `Retirer vos copies au centre d’état civil de ${communeName(d.COMMUNE_RETRAIT)}` : null,
    procedureCode: procedures[d.TYPE_ACTE],
    externalReference: d.REFERENCE_EXTERNE,
    actNumber: d.NUMERO_ACTE,
    copies: d.NOMBRE_COPIES,
    deliveryCommuneCode: d.COMMUNE_RETRAIT,
  };
}
