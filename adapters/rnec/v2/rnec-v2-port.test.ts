import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../../legacy/rnec/index.js';
import { generateWorld } from '../../../legacy/world/index.js';
import { isAdapterError, titleCase, type AdapterError, type HttpReply } from '../../shared/index.js';
import { createRnecAdapter } from '../rnec-adapter.js';
import type { RnecAdapter } from '../types.js';
import { readV2Reply } from './rnec-v2-client.js';
import { noFaults } from '../../../legacy/shared/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const person = world.persons.find((p) => p.firstNames.includes(' ') && p.deathDate === null)!;
const deceased = world.persons.find((p) => p.deathDate !== null)!;
const available = world.copyRequests.find((r) => r.history.at(-1)!.status === 'DISPONIBLE')!;

// Classification only: one attempt, no breaker carried from one case to the next.
const resilience = { retry: false, breaker: false } as const;

let rnec: RunningRnecSimulator;
let rest: RnecAdapter;

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
  rest = createRnecAdapter({ url: rnec.url, timeoutMs: 500, resilience, routing: { mode: 'rest' } });
});
afterAll(() => rnec.close());
beforeEach(() => admin('POST', '/__admin/reset'));

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, number>> {
  const response = await fetch(`${rnec.baseUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return response.json() as Promise<Record<string, number>>;
}

async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

describe('RNEC adapter over v2 (REST/JSON)', () => {
  it('maps a person to the same clean record as SOAP would: title case, ISO dates, commune name', async () => {
    const citizen = await rest.getCitizen(person.niu);
    expect(citizen).toEqual({
      niu: person.niu,
      firstNames: titleCase(person.firstNames),
      lastName: titleCase(person.lastName),
      sex: person.sex,
      birthDate: person.birthDate,
      birthCommuneCode: person.birthCommune,
      birthPlace: expect.stringMatching(/ \(.+\)$/),
      deathDate: null,
    });
    expect((await rest.getCitizen(deceased.niu)).deathDate).toBe(deceased.deathDate);
    expect(await admin('GET', '/__admin/calls')).toEqual({ 'v2.consulterPersonne': 2 });
  });

  it('maps a copy request: statuses, minute instants, procedure, next action', async () => {
    const record = await rest.getCopyRequest(`RNEC-${available.number.slice(3)}`);
    expect(record).toMatchObject({ reference: `RNEC-${available.number.slice(3)}`, status: 'COMPLETED', ministryStatusCode: 'DISPONIBLE', actNumber: available.actNumber, copies: available.copies });
    expect(record.nextAction).toMatch(/^Retirer vos copies/);
    expect(record.history.map((h) => h.at)).toEqual(available.history.map((h) => `${h.at.slice(0, 16)}:00Z`));
  });

  it('batches NIUs (≤ 50 per GET /v2/personnes), unknown and malformed ones absent', async () => {
    const nius = world.persons.slice(0, 120).map((p) => p.niu);
    const found = await rest.getCitizens([...nius, '000000000000', 'pas-un-niu']);
    expect(found.size).toBe(120);
    expect(await admin('GET', '/__admin/calls')).toEqual({ 'v2.consulterPersonnes': 3 });
  });

  it('follows the change feed’s cursor to the end', async () => {
    const changes = await rest.listChangedCopyRequests('2026-01-01T00:00:00Z');
    expect(changes.length).toBe(world.copyRequests.filter((r) => r.history.at(-1)!.at >= '2026-01-01').length);
    expect(new Set(changes.map((c) => c.reference)).size).toBe(changes.length);
  });

  it('files with POST, once (not idempotent: never retried)', async () => {
    await admin('PUT', '/__admin/faults', { errorRate: 1, operations: ['v2.demanderCopieActe'] });
    const retrying = createRnecAdapter({ url: rnec.url, routing: { mode: 'rest' }, resilience: { retry: { maxAttempts: 3, baseDelayMs: 1 }, breaker: false } });
    const input = { niu: person.niu, actNumber: person.birthActNumber, copies: 1, externalReference: 'V2-PORT-1' };
    expect(await failure(retrying.requestCopy(input))).toMatchObject({ code: 'BACKEND_ERROR' });
    expect(await admin('GET', '/__admin/calls')).toEqual({ 'v2.demanderCopieActe': 1 });
    await admin('POST', '/__admin/reset');
    const filed = await retrying.requestCopy(input);
    expect(await retrying.findCopyRequestByExternalReference('V2-PORT-1')).toEqual(filed);
  });

  it('maps unknown things to NOT_FOUND and refusals to BAD_USER_INPUT, like SOAP', async () => {
    expect(await failure(rest.getCitizen('000000000000'))).toMatchObject({ code: 'NOT_FOUND', operation: 'v2.consulterPersonne', userMessage: expect.stringContaining('NIU') });
    expect(await failure(rest.getAct('N-GOLFE1-1900-000000'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(rest.getCitizen('12-34'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await failure(rest.requestCopy({ niu: '000000000000', actNumber: person.birthActNumber, copies: 1, externalReference: 'X' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['down', 'BACKEND_UNAVAILABLE', { down: true }, true],
    ['reset', 'BACKEND_UNAVAILABLE', { resetRate: 1 }, true],
    ['500 problem', 'BACKEND_ERROR', { errorRate: 1 }, true],
    ['problem inside a 200', 'BACKEND_ERROR', { errorIn200Rate: 1 }, true],
    ['malformed JSON', 'BAD_BACKEND_RESPONSE', { malformedRate: 1 }, true],
    ['truncated body', 'BAD_BACKEND_RESPONSE', { truncatedRate: 1 }, true],
  ] as const)('fault %s → %s, the same code as over SOAP', async (_, code, faults, retryable) => {
    await admin('PUT', '/__admin/faults', faults);
    expect(await failure(rest.getCitizen(person.niu))).toMatchObject({ code, retryable, system: 'rnec', operation: 'v2.consulterPersonne' });
  });

  it('overload (503) → BACKEND_UNAVAILABLE with retryAfterMs; a hang → BACKEND_TIMEOUT', async () => {
    await admin('PUT', '/__admin/faults', { overloadRate: 1, retryAfterSeconds: 3 });
    expect(await failure(rest.listActs(person.niu))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryAfterMs: 3_000 });
    await admin('PUT', '/__admin/faults', { timeoutRate: 1, hangMs: 2_000 });
    expect(await failure(rest.listActs(person.niu))).toMatchObject({ code: 'BACKEND_TIMEOUT' });
  });

  it('shares one call policy with SOAP: v2 failures open the circuit SOAP-routed operations go through too', async () => {
    const mixed = createRnecAdapter({
      url: rnec.url,
      timeoutMs: 500,
      routing: { mode: 'soap', overrides: { listActs: 'rest' } },
      resilience: { retry: false, breaker: { threshold: 2, halfOpenAfterMs: 60_000 } },
    });
    await admin('PUT', '/__admin/faults', { errorRate: 1, operations: ['v2.listerActes'] });
    for (let i = 0; i < 2; i += 1) expect(await failure(mixed.listActs(person.niu))).toMatchObject({ code: 'BACKEND_ERROR' });
    expect(await failure(mixed.getCitizen(person.niu))).toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(await admin('GET', '/__admin/calls')).toEqual({ 'v2.listerActes': 2 });
  });

  it('reads replies: a bare 404 is a wrong URL, not an unknown person; a payload off the schema is refused', async () => {
    const reply = (status: number, body: string, contentType = 'application/json'): HttpReply => ({ status, headers: { 'content-type': contentType }, body });
    expect(() => readV2Reply('op', reply(404, 'Not Found', 'text/plain'))).toThrow(expect.objectContaining({ code: 'BACKEND_ERROR', retryable: false }));
    expect(() => readV2Reply('op', reply(400, '{"code":"TROP_DE_NIU","detail":"Au plus 50"}', 'application/problem+json'))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => readV2Reply('op', reply(502, '<html>'))).toThrow(expect.objectContaining({ code: 'BACKEND_ERROR', retryable: true }));
    const wrongUrl = createRnecAdapter({ url: rnec.url, v2Url: `${rnec.baseUrl}/ailleurs`, routing: { mode: 'rest' }, resilience });
    expect(await failure(wrongUrl.getCitizen(person.niu))).toMatchObject({ code: 'BACKEND_ERROR', retryable: false });
  });
});
