import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DossierStatus } from '../../../schema/dossier-status.js';
import { ProcedureCode } from '../../../schema/procedures.js';
import { createShadowEvents, type ShadowEvent } from '../../shared/index.js';
import type { CitizenRecord, CivilActCopyRequestRecord, RnecAdapter } from '../types.js';
import { createRoutedRnecAdapter, type RnecPaths } from './routed-rnec-adapter.js';
import type { RnecRouting } from './rnec-routing.js';

const citizen: CitizenRecord = {
  niu: '111111111111',
  firstNames: 'Kossi',
  lastName: 'Agbeko',
  sex: 'M',
  birthDate: '1990-01-02',
  birthCommuneCode: 'GOLFE1',
  birthPlace: 'Golfe 1 (Lomé)',
  deathDate: null,
};
const filed: CivilActCopyRequestRecord = {
  reference: 'RNEC-2026-000001',
  applicantNiu: citizen.niu,
  status: DossierStatus.SUBMITTED,
  ministryStatus: 'Demande reçue',
  ministryStatusCode: 'RECUE',
  submittedAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  history: [],
  nextAction: null,
  procedureCode: ProcedureCode.BIRTH_ACT_COPY,
  externalReference: 'X',
  actNumber: 'N-GOLFE1-1990-000001',
  copies: 1,
  deliveryCommuneCode: 'GOLFE1',
};

/** A fake path: records every call by operation, answers `answer` after `delayMs`. */
function fakePath(name: string, calls: string[], answer: CitizenRecord = citizen, delayMs = 0): RnecAdapter {
  const call = async <T>(operation: string, value: T): Promise<T> => {
    calls.push(`${name}.${operation}`);
    if (delayMs > 0) await sleep(delayMs);
    return value;
  };
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    getCitizen: () => call('getCitizen', answer),
    getCitizens: () => call('getCitizens', new Map([[answer.niu, answer]])),
    listActs: () => call('listActs', []),
    getAct: unused,
    getActs: () => call('getActs', new Map()),
    requestCopy: () => call('requestCopy', filed),
    getCopyRequest: unused,
    getCopyRequests: () => call('getCopyRequests', new Map()),
    findCopyRequestByExternalReference: () => call('findCopyRequestByExternalReference', null),
    listCopyRequests: () => call('listCopyRequests', []),
    listChangedCopyRequests: () => call('listChangedCopyRequests', []),
    listPieces: () => call('listPieces', []),
    sendPieces: () => call('sendPieces', []),
  };
}

function setup(routing: RnecRouting, secondary: { answer?: CitizenRecord; delayMs?: number } = {}) {
  const calls: string[] = [];
  const events = createShadowEvents();
  const seen: ShadowEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const soap = fakePath('soap', calls);
  const rest = fakePath('rest', calls);
  const shadowSoap = fakePath('shadowSoap', calls, secondary.answer, secondary.delayMs);
  const shadowRest = fakePath('shadowRest', calls, secondary.answer, secondary.delayMs);
  const paths: RnecPaths = { soap: () => soap, rest: () => rest, shadowSoap: () => shadowSoap, shadowRest: () => shadowRest };
  return { adapter: createRoutedRnecAdapter(routing, paths, events), calls, seen };
}

const input = { niu: citizen.niu, actNumber: 'N-GOLFE1-1990-000001', copies: 1, externalReference: 'X' };

describe('routed RNEC adapter', () => {
  it('routes each operation to its mode’s path', async () => {
    const { adapter, calls } = setup({ mode: 'soap', overrides: { getCitizens: 'rest', requestCopy: 'rest' } });
    await adapter.getCitizen(citizen.niu);
    await adapter.getCitizens([citizen.niu]);
    await adapter.requestCopy(input);
    expect(calls).toEqual(['soap.getCitizen', 'rest.getCitizens', 'rest.requestCopy']);
  });

  it('in shadow mode, calls the other path through its shadow policy and reports a deliberate difference', async () => {
    const { adapter, calls, seen } = setup({ mode: 'shadow' }, { answer: { ...citizen, lastName: 'Agbéko', birthPlace: 'Golfe 1' } });
    expect(await adapter.getCitizen(citizen.niu)).toEqual(citizen);
    await sleep(10);
    expect(calls).toEqual(['soap.getCitizen', 'shadowRest.getCitizen']);
    expect(seen).toMatchObject([{ operation: 'getCitizen', primary: 'soap', secondary: 'rest', result: 'mismatch', fields: ['birthPlace', 'lastName'] }]);
  });

  it('RNEC_SHADOW_PRIMARY=rest answers from REST and shadows SOAP', async () => {
    const { adapter, calls } = setup({ mode: 'shadow', shadowPrimary: 'rest' });
    await adapter.getCitizens([citizen.niu]);
    await sleep(10);
    expect(calls).toEqual(['rest.getCitizens', 'shadowSoap.getCitizens']);
  });

  it('never sends a write twice: in shadow mode requestCopy and sendPieces go to the primary alone', async () => {
    for (const shadowPrimary of ['soap', 'rest'] as const) {
      const { adapter, calls, seen } = setup({ mode: 'shadow', shadowPrimary });
      expect(await adapter.requestCopy(input)).toEqual(filed);
      await adapter.sendPieces('RNEC-2026-000001', [{ kind: 'IDENTITE', filename: 'a.pdf', mediaType: 'application/pdf', bytes: Buffer.from('%PDF') }]);
      await sleep(20);
      expect(calls).toEqual([`${shadowPrimary}.requestCopy`, `${shadowPrimary}.sendPieces`]);
      expect(seen).toEqual([]);
    }
  });

  it('routes the pieces by their own keys (listPieces, sendPieces)', async () => {
    const { adapter, calls } = setup({ mode: 'soap', overrides: { listPieces: 'rest', sendPieces: 'rest' } });
    await adapter.listPieces('RNEC-2026-000001');
    await adapter.sendPieces('RNEC-2026-000001', []);
    await adapter.getCitizen(citizen.niu);
    expect(calls).toEqual(['rest.listPieces', 'rest.sendPieces', 'soap.getCitizen']);
  });

  it('a slow shadow path does not delay the answer beyond its bound', async () => {
    const { adapter, seen } = setup({ mode: 'shadow', shadowTimeoutMs: 50 }, { delayMs: 400 });
    const startedAt = performance.now();
    await adapter.listActs(citizen.niu);
    expect(performance.now() - startedAt).toBeLessThan(40);
    await sleep(100);
    expect(seen).toMatchObject([{ operation: 'listActs', result: 'secondary_error', code: 'SHADOW_TIMEOUT' }]);
  });
});
