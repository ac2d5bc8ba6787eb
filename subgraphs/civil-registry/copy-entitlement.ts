import type { CivilActRecord, RnecAdapter } from '../../adapters/rnec/index.js';

/**
 * Whose acts a person may ask copies of: the acts about them, and the death act of their spouse (the one case
 * the registry sees in practice). Anyone else's act is answered as unknown.
 */
export async function mayRequestCopyOf(rnec: Pick<RnecAdapter, 'listActs'>, applicantNiu: string, act: CivilActRecord): Promise<boolean> {
  if (act.personNius.includes(applicantNiu)) return true;
  if (act.kind !== 'DEATH') return false;
  const ownActs = await rnec.listActs(applicantNiu);
  return ownActs.some((own) => own.kind === 'MARRIAGE' && act.personNius.some((deceased) => own.personNius.includes(deceased)));
}
