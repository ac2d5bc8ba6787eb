import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { isAdapterError, titleCase } from '../shared/index.js';
import { createRnecAdapter } from './rnec-adapter.js';
import type { RnecAdapter } from './types.js';
import { noFaults } from '../../legacy/shared/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const person = world.persons.find((p) => p.firstNames.includes(' '))!;
const deceased = world.persons.find((p) => p.deathDate !== null)!;
const lastStatus = (r: (typeof world.copyRequests)[number]) => r.history.at(-1)!.status;
const available = world.copyRequests.find((r) => lastStatus(r) === 'DISPONIBLE' && r.actNumber.startsWith('M'))!;
const rejected = world.copyRequests.find((r) => lastStatus(r) === 'REJETEE')!;

let rnec: RunningRnecSimulator;
let adapter: RnecAdapter;

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
  adapter = createRnecAdapter({ url: rnec.url, timeoutMs: 2_000 });
});
afterAll(() => rnec.close());
beforeEach(() => admin('POST', '/__admin/reset'));

async function admin(method: string, path: string): Promise<Record<string, number>> {
  return (await fetch(`${rnec.baseUrl}${path}`, { method })).json() as Promise<Record<string, number>>;
}

async function expectCode(call: Promise<unknown>, code: string) {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAdapterError(error) ? error.code : error).toBe(code);
  return isAdapterError(error) ? error : undefined;
}

describe('RNEC adapter: citizens', () => {
  it('cleans a person: title case, ISO dates, commune name', async () => {
    const citizen = await adapter.getCitizen(person.niu);
    expect(citizen).toMatchObject({
      niu: person.niu,
      firstNames: titleCase(person.firstNames),
      lastName: titleCase(person.lastName),
      sex: person.sex,
      birthDate: person.birthDate,
      birthCommuneCode: person.birthCommune,
      deathDate: null,
    });
    expect(citizen.birthPlace).toMatch(/^[A-ZÀ-Ý][\p{L} -]+ \d \([\p{L} -]+\)$/u);
    expect((await adapter.getCitizen(deceased.niu)).deathDate).toBe(deceased.deathDate);
  });

  it('maps an unknown NIU to NOT_FOUND and a malformed one to BAD_USER_INPUT without calling RNEC', async () => {
    await expectCode(adapter.getCitizen('000000000000'), 'NOT_FOUND');
    const error = await expectCode(adapter.getCitizen('12-34'), 'BAD_USER_INPUT');
    expect(error?.userMessage).toContain('12 chiffres');
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterPersonne: 1 });
  });

  it('batches 50 NIUs into one ConsulterPersonnes and 120 into three; unknown ones are absent', async () => {
    const nius = world.persons.slice(0, 49).map((p) => p.niu);
    const fifty = await adapter.getCitizens([...nius, nius[0]!, '000000000000', 'pas-un-niu']);
    expect(fifty.size).toBe(49);
    expect(fifty.has('000000000000')).toBe(false);
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterPersonnes: 1 });
    await admin('DELETE', '/__admin/calls');
    const many = await adapter.getCitizens(world.persons.slice(0, 120).map((p) => p.niu));
    expect(many.size).toBe(120);
    expect(many.get(person.niu)?.lastName).toBe(titleCase(person.lastName));
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterPersonnes: 3 });
    expect((await adapter.getCitizens([])).size).toBe(0);
  });
});

describe('RNEC adapter: acts', () => {
  it('lists the acts about a person, with kinds and commune names', async () => {
    const acts = await adapter.listActs(person.niu);
    const birth = acts.find((a) => a.number === person.birthActNumber);
    expect(birth).toMatchObject({ kind: 'BIRTH', date: person.birthDate, communeCode: person.birthCommune, personNius: [person.niu] });
    expect(birth?.communeName).not.toBe(person.birthCommune);
    const marriage = await adapter.getAct(available.actNumber);
    expect(marriage.kind).toBe('MARRIAGE');
    expect(marriage.personNius).toHaveLength(2);
  });

  it('maps an unknown act to NOT_FOUND and a malformed number to BAD_USER_INPUT', async () => {
    await expectCode(adapter.getAct('N-GOLFE1-1900-999999'), 'NOT_FOUND');
    await expectCode(adapter.getAct('acte 12'), 'BAD_USER_INPUT');
  });

  it('looks up many acts one ConsulterActe per distinct number; unknown and malformed ones are absent', async () => {
    const numbers = world.acts.slice(0, 12).map((a) => a.number);
    await admin('DELETE', '/__admin/calls');
    const found = await adapter.getActs([...numbers, numbers[0]!, 'N-GOLFE1-1900-999999', 'acte 12']);
    expect([...found.keys()].sort()).toEqual([...numbers].sort());
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterActe: 13 });
  });
});

describe('RNEC adapter: copy requests', () => {
  it('maps statuses, history instants, procedure and next action', async () => {
    const reference = available.number.replace(/^DC-/, 'RNEC-');
    const record = await adapter.getCopyRequest(reference);
    expect(record).toMatchObject({
      reference,
      applicantNiu: available.niu,
      status: 'COMPLETED',
      ministryStatus: 'Disponible au retrait',
      ministryStatusCode: 'DISPONIBLE',
      procedureCode: 'RNEC-COPIE-MARIAGE',
      actNumber: available.actNumber,
      copies: available.copies,
      deliveryCommuneCode: available.deliveryCommune,
      submittedAt: available.history[0]!.at,
      updatedAt: available.history.at(-1)!.at,
      externalReference: null,
    });
    expect(record.history.map((s) => s.at)).toEqual(available.history.map((s) => s.at));
    expect(record.history.map((s) => s.status)).toEqual(['SUBMITTED', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']);
    expect(record.nextAction).toMatch(/^Retirer vos copies au centre d’état civil de \p{L}/u);
    expect(record.nextAction).not.toContain(available.deliveryCommune);
    const refused = await adapter.getCopyRequest(rejected.number.replace(/^DC-/, 'RNEC-'));
    expect(refused).toMatchObject({ status: 'REJECTED', ministryStatus: 'Demande rejetée', nextAction: null });
  });

  it('checks references before calling, and maps an unknown one to NOT_FOUND', async () => {
    await expectCode(adapter.getCopyRequest(available.number), 'BAD_USER_INPUT');
    await expectCode(adapter.getCopyRequest('CEET-2026-000123'), 'BAD_USER_INPUT');
    await expectCode(adapter.getCopyRequest('RNEC-1999-999999'), 'NOT_FOUND');
    expect(await admin('GET', '/__admin/calls')).toEqual({ SuivreDemande: 1 });
  });

  it('looks up many references one SuivreDemande each (no batch operation), unknown ones absent', async () => {
    const references = world.copyRequests.slice(0, 20).map((r) => r.number.replace(/^DC-/, 'RNEC-'));
    const found = await adapter.getCopyRequests([...references, 'RNEC-1999-999999', 'URB-2026-000001']);
    expect([...found.keys()].sort()).toEqual([...references].sort());
    expect(await admin('GET', '/__admin/calls')).toEqual({ SuivreDemande: 21 });
  });

  it('lists the requests a citizen filed', async () => {
    const mine = await adapter.listCopyRequests(available.niu);
    expect(mine.map((r) => r.reference)).toContain(available.number.replace(/^DC-/, 'RNEC-'));
    expect(mine.every((r) => r.applicantNiu === available.niu)).toBe(true);
  });

  it('files a request (not idempotent at RNEC) and reconciles by external reference', async () => {
    const externalReference = `GUICHET-${Date.now()}`;
    expect(await adapter.findCopyRequestByExternalReference(externalReference)).toBeNull();
    const input = { niu: person.niu, actNumber: person.birthActNumber, copies: 2, externalReference };
    const filed = await adapter.requestCopy(input);
    expect(filed).toMatchObject({ status: 'SUBMITTED', ministryStatus: 'Demande reçue', procedureCode: 'RNEC-COPIE-NAISSANCE', copies: 2, externalReference, applicantNiu: person.niu });
    expect(filed.reference).toMatch(/^RNEC-\d{4}-\d{6}$/);
    expect(filed.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    const again = await adapter.requestCopy(input);
    expect(again.reference).not.toBe(filed.reference);
    expect((await adapter.findCopyRequestByExternalReference(externalReference))?.reference).toBe(filed.reference);
    expect((await adapter.listCopyRequests(person.niu)).map((r) => r.reference)).toEqual(expect.arrayContaining([filed.reference, again.reference]));
  });

  it('refuses bad copy input before calling, and maps RNEC refusals', async () => {
    await expectCode(adapter.requestCopy({ niu: person.niu, actNumber: person.birthActNumber, copies: 11, externalReference: 'X-1' }), 'BAD_USER_INPUT');
    await expectCode(adapter.requestCopy({ niu: person.niu, actNumber: person.birthActNumber, copies: 1, externalReference: '' }), 'BAD_USER_INPUT');
    expect(await admin('GET', '/__admin/calls')).toEqual({});
    await expectCode(adapter.requestCopy({ niu: '000000000000', actNumber: person.birthActNumber, copies: 1, externalReference: 'X-2' }), 'NOT_FOUND');
    await expectCode(adapter.requestCopy({ niu: person.niu, actNumber: 'N-GOLFE1-1900-999999', copies: 1, externalReference: 'X-3' }), 'NOT_FOUND');
  });

  it('follows the change feed, new requests included', async () => {
    const since = '2026-10-25T00:00:00Z';
    const changed = await adapter.listChangedCopyRequests(since);
    const expected = world.copyRequests.filter((r) => r.history.at(-1)!.at >= since).map((r) => r.number.replace(/^DC-/, 'RNEC-'));
    expect(changed.map((r) => r.reference)).toEqual(expect.arrayContaining(expected));
    expect(changed.every((r) => r.updatedAt >= since)).toBe(true);
    const updates = changed.map((r) => r.updatedAt);
    expect(updates).toEqual([...updates].sort());

    const before = new Date().toISOString();
    const filed = await adapter.requestCopy({ niu: person.niu, actNumber: person.birthActNumber, copies: 1, externalReference: `FEED-${Date.now()}` });
    expect((await adapter.listChangedCopyRequests(before)).map((r) => r.reference)).toContain(filed.reference);
    await expectCode(adapter.listChangedCopyRequests('hier'), 'BAD_USER_INPUT');
  });
});
