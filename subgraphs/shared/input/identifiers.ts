import { isWellFormedReference, ReferencePrefix, systemOfReference, type DossierSystem } from '../../../schema/index.js';
import { userInputError } from './user-input-error.js';

const niuPattern = /^\d{12}$/;

/** A NIU is 12 digits; anything else is the client's mistake, said before any legacy call. */
export function assertNiu(niu: string, field = 'niu'): void {
  if (!niuPattern.test(niu)) throw userInputError(`NIU invalide : « ${niu.slice(0, 40)} ». Un NIU compte 12 chiffres.`, field);
}

const shapes = Object.values(ReferencePrefix).map((prefix) => `${prefix}-AAAA-NNNNNN`);
const anyShape = `${shapes.slice(0, -1).join(', ')} ou ${shapes.at(-1) ?? ''}`;

/** A reference carries its system (`CEET-2026-000123`); returns that system. */
export function assertReference(reference: string, expected?: DossierSystem, field = 'reference'): DossierSystem {
  const system = isWellFormedReference(reference) ? systemOfReference(reference) : undefined;
  if (!system || (expected && system !== expected)) {
    const shape = expected ? `${expected}-AAAA-NNNNNN` : anyShape;
    throw userInputError(`Référence de dossier invalide : « ${reference.slice(0, 40)} ». Format attendu : ${shape}.`, field);
  }
  return system;
}
