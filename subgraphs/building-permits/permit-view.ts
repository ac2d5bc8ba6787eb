import type { BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import { dossierView } from '../shared/index.js';

/** The clean record shaped for the graph (the architect shown by name). */
export function permitView(record: BuildingPermitRecord) {
  return { ...dossierView(record), architect: record.architectName };
}
