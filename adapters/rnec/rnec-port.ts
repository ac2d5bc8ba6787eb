import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord } from './types.js';

/** The port operations, one call each to the register; what SOAP and REST both implement. */
export type RnecPortOperation = 'person' | 'persons' | 'actsOf' | 'act' | 'fileCopyRequest' | 'copyRequest' | 'copyRequestsByExternalReference' | 'copyRequestsOf' | 'changedCopyRequests';

/**
 * One API of the civil registry (SOAP v1 or REST v2), one call per method, answers already clean. Arguments are
 * checked by the caller (createPortAdapter); every failure is an AdapterError. `operations` names each call as
 * the register counts it (`ConsulterPersonne`, `v2.consulterPersonne`), for errors, logs and metrics.
 */
export interface RnecPort {
  readonly operations: Readonly<Record<RnecPortOperation, string>>;
  person(niu: string): Promise<CitizenRecord>;
  /** At most MAX_NIU_PER_CALL NIUs; unknown ones are left out. */
  persons(nius: readonly string[]): Promise<readonly CitizenRecord[]>;
  actsOf(niu: string): Promise<readonly CivilActRecord[]>;
  act(actNumber: string): Promise<CivilActRecord>;
  /** Not idempotent at RNEC, whatever the API: never retried. */
  fileCopyRequest(input: { readonly niu: string; readonly actNumber: string; readonly copies: number; readonly externalReference: string }): Promise<CivilActCopyRequestRecord>;
  /** RNEC's request number (`DC-2026-000777`). */
  copyRequest(requestNumber: string): Promise<CivilActCopyRequestRecord>;
  copyRequestsByExternalReference(externalReference: string): Promise<readonly CivilActCopyRequestRecord[]>;
  copyRequestsOf(niu: string): Promise<readonly CivilActCopyRequestRecord[]>;
  /** `since`: an instant already checked and rounded down to the minute (the register's precision). */
  changedCopyRequests(since: Date): Promise<readonly CivilActCopyRequestRecord[]>;
}

/** Most NIUs one batch lookup accepts (ConsulterPersonnes, GET /v2/personnes). */
export const MAX_NIU_PER_CALL = 50;
