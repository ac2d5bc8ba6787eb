import type { CivilActCopyRequestRecord, CivilActRecord } from '../../adapters/rnec/index.js';
import { dossierView } from '../shared/index.js';
import type { CivilAct } from './civil-act.js';

/** Clean RNEC records shaped for the graph. */
export function civilActView(record: CivilActRecord): CivilAct {
  return { number: record.number, kind: record.kind, date: record.date, communeCode: record.communeCode, commune: record.communeName };
}

export function copyRequestView(record: CivilActCopyRequestRecord) {
  return dossierView(record);
}
