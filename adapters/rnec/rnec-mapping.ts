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
const procedures: Readonly<Record<CivilActKind, ProcedureCode>> = {
  BIRTH: ProcedureCode.BIRTH_ACT_COPY,
  MARRIAGE: ProcedureCode.MARRIAGE_ACT_COPY,
  DEATH: ProcedureCode.DEATH_ACT_COPY,
};

/** RNEC's copy request statuses: the normalized status and the label agents know. */
const statuses: Readonly<Record<RnecStatus, { readonly status: DossierStatus; readonly label: string }>> = {
  RECUE: { status: DossierStatus.SUBMITTED, label: 'Demande reçue' },
  EN_VERIFICATION: { status: DossierStatus.IN_PROGRESS, label: 'En vérification' },
  SIGNEE: { status: DossierStatus.IN_PROGRESS, label: 'Copie signée' },
  DISPONIBLE: { status: DossierStatus.COMPLETED, label: 'Disponible au retrait' },
  REJETEE: { status: DossierStatus.REJECTED, label: 'Demande rejetée' },
};

/**
 * A person as either API gives it once its dates are ISO: the one place clean records are built, so that the SOAP
 * and the REST paths cannot drift apart (names as the register holds them, upper case).
 */
export interface RegisterPerson {
  readonly niu: string;
  readonly lastName: string;
  readonly firstNames: string;
  readonly sex: 'M' | 'F';
  readonly birthDate: string;
  readonly birthCommuneCode: string;
  readonly deathDate: string | null;
}

export interface RegisterAct {
  readonly number: string;
  readonly kind: CivilActKind;
  readonly date: string;
  readonly communeCode: string;
  readonly personNius: readonly string[];
}

export interface RegisterCopyRequest {
  /** RNEC's `DC-2026-000777`. */
  readonly number: string;
  readonly applicantNiu: string;
  readonly actNumber: string;
  readonly kind: CivilActKind;
  readonly copies: number;
  readonly externalReference: string | null;
  readonly status: RnecStatus;
  readonly deliveryCommuneCode: string;
  readonly submittedAt: string;
  readonly updatedAt: string;
  readonly history: readonly { readonly status: RnecStatus; readonly at: string }[];
}

export function citizenRecordOf(p: RegisterPerson): CitizenRecord {
  return {
    niu: p.niu,
    firstNames: titleCase(p.firstNames),
    lastName: titleCase(p.lastName),
    sex: p.sex,
    birthDate: p.birthDate,
    birthCommuneCode: p.birthCommuneCode,
    birthPlace: communePlace(p.birthCommuneCode),
    deathDate: p.deathDate,
  };
}

export function actRecordOf(a: RegisterAct): CivilActRecord {
  return { number: a.number, kind: a.kind, date: a.date, communeCode: a.communeCode, communeName: communeName(a.communeCode), personNius: a.personNius };
}

export function copyRequestRecordOf(operation: string, d: RegisterCopyRequest): CivilActCopyRequestRecord {
  const reference = referenceOf(d.number);
  if (!reference) throw badPayload('rnec', operation, `unexpected request number ${JSON.stringify(d.number)}`);
  const history: DossierStep[] = d.history.map((step) => ({ status: statuses[step.status].status, ministryStatus: statuses[step.status].label, at: step.at })).sort((a, b) => a.at.localeCompare(b.at));
  const current = statuses[d.status];
  return {
    reference,
    applicantNiu: d.applicantNiu,
    status: current.status,
    ministryStatus: current.label,
    ministryStatusCode: d.status,
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
    history,
    nextAction: d.status === 'DISPONIBLE' ? `Retirer vos copies au centre d’état civil de ${communeName(d.deliveryCommuneCode)}` : null,
    procedureCode: procedures[d.kind],
    externalReference: d.externalReference,
    actNumber: d.actNumber,
    copies: d.copies,
    deliveryCommuneCode: d.deliveryCommuneCode,
  };
}

export function toCitizenRecord(operation: string, p: Personne): CitizenRecord {
  return citizenRecordOf({
    niu: p.NIU,
    lastName: p.NOM,
    firstNames: p.PRENOMS,
    sex: p.SEXE,
    birthDate: isoDateOf(operation, p.DATE_NAISSANCE),
    birthCommuneCode: p.COMMUNE_NAISSANCE,
    deathDate: p.DATE_DECES ? isoDateOf(operation, p.DATE_DECES) : null,
  });
}

export function toActRecord(operation: string, a: Acte): CivilActRecord {
  return actRecordOf({ number: a.NUMERO_ACTE, kind: actKinds[a.TYPE_ACTE], date: isoDateOf(operation, a.DATE_EVENEMENT), communeCode: a.COMMUNE, personNius: a.NIU_CONCERNE });
}

export function toCopyRequestRecord(operation: string, d: Demande): CivilActCopyRequestRecord {
  return copyRequestRecordOf(operation, {
    number: d.NUMERO_DEMANDE,
    applicantNiu: d.NIU_DEMANDEUR,
    actNumber: d.NUMERO_ACTE,
    kind: actKinds[d.TYPE_ACTE],
    copies: d.NOMBRE_COPIES,
    externalReference: d.REFERENCE_EXTERNE,
    status: d.STATUT,
    deliveryCommuneCode: d.COMMUNE_RETRAIT,
    submittedAt: isoInstantOf(operation, d.DATE_DEPOT, d.HEURE_DEPOT),
    updatedAt: isoInstantOf(operation, d.DATE_MAJ, d.HEURE_MAJ),
    history: d.HISTORIQUE.ETAPE.map((step) => ({ status: step.STATUT, at: isoInstantOf(operation, step.DATE, step.HEURE) })),
  });
}
