import type { CivilActRecord, RnecAdapter } from '../../adapters/rnec/index.js';
import { AdapterError } from '../../adapters/shared/index.js';

/**
 * Whose acts a person may ask copies of: the acts about them, and the death act of their spouse (the one case
 * the registry sees in practice). Anyone else's act is answered as unknown.
 */
export async function mayRequestCopyOf(rnec: { listActs(niu: string): Promise<readonly CivilActRecord[]> }, applicantNiu: string, act: CivilActRecord): Promise<boolean> {
  if (act.personNius.includes(applicantNiu)) return true;
  if (act.kind !== 'DEATH') return false;
  const ownActs = await rnec.listActs(applicantNiu);
  return ownActs.some((own) => own.kind === 'MARRIAGE' && act.personNius.some((deceased) => own.personNius.includes(deceased)));
}

/** The same answer for an act that does not exist and one the applicant may not ask copies of. */
export function actNotFound(actNumber: string): AdapterError {
  return new AdapterError({
    code: 'NOT_FOUND',
    system: 'rnec',
    operation: 'ConsulterActe',
    retryable: false,
    message: 'act unknown or not visible to caller',
    userMessage: `Aucun acte ${actNumber}.`,
  });
}

/** Files a copy request only for an act its applicant may ask copies of: the forwarder's path as the mutation's. */
export async function requestEntitledCopy(rnec: Pick<RnecAdapter, 'getAct' | 'listActs' | 'requestCopy'>, input: Parameters<RnecAdapter['requestCopy']>[0]) {
  const act = await rnec.getAct(input.actNumber);
  if (!(await mayRequestCopyOf(rnec, input.niu, act))) throw actNotFound(input.actNumber);
  return rnec.requestCopy(input);
}
