import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord } from '../../adapters/rnec/index.js';
import { dossierView } from '../shared/index.js';
import type { CivilAct } from './civil-act.js';
import type { Citizen } from './citizen.js';

/** Clean RNEC records shaped for the graph. */
export function citizenView(record: CitizenRecord): Citizen {
  return {
    niu: record.niu,
    firstName: record.firstNames,
    lastName: record.lastName,
    birthDate: record.birthDate,
    birthPlace: record.birthPlace,
    sex: record.sex === 'F' ? 'FEMALE' : 'MALE',
    deathDate: record.deathDate,
  };
}

export function civilActView(record: CivilActRecord): CivilAct {
  return { number: record.number, kind: record.kind, date: record.date, communeCode: record.communeCode, commune: record.communeName };
}

export function copyRequestView(record: CivilActCopyRequestRecord) {
  return dossierView(record);
}
