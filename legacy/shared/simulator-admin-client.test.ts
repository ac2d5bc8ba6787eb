import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../lib/http/index.js';
import { installFaultLayer, type LegacyReply } from './fault-layer.js';
import { knobsEnvSchema, knobsFromEnv } from './knobs.js';
import { createSimulatorAdmin, SimulatorAdminError } from './simulator-admin-client.js';

const text = (status: number): LegacyReply => ({ status, headers: { 'content-type': 'text/plain' }, body: 'x' });
const initial = knobsFromEnv(knobsEnvSchema({ medianMs: 40, p95Ms: 90 }).parse({}));

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  installFaultLayer(server, { operationOf: (req) => req.url ?? '/', serverError: () => text(500), errorIn200: () => text(200), overloaded: () => text(503) }, initial);
  url = await listen(server, '127.0.0.1', 0);
});
afterAll(() => closeServer(server, 1_000));

describe('createSimulatorAdmin', () => {
  it('reads and zeroes the call counter', async () => {
    const admin = createSimulatorAdmin(url, 'test');
    await admin.resetCalls();
    await fetch(`${url}/a`);
    await fetch(`${url}/a`);
    expect(await admin.calls()).toEqual({ '/a': 2 });
    await admin.resetCalls();
    expect(await admin.calls()).toEqual({});
  });

  it('sets faults and latency, reads them back, and resets to the start-up knobs', async () => {
    const admin = createSimulatorAdmin(url, 'test');
    expect(await admin.setFaults({ errorRate: 0.5, operations: ['x'] })).toMatchObject({ errorRate: 0.5, operations: ['x'], down: false });
    expect(await admin.setLatency({ medianMs: 0, p95Ms: 0 })).toEqual({ medianMs: 0, p95Ms: 0 });
    expect(await admin.knobs()).toMatchObject({ faults: { errorRate: 0.5 }, latency: { medianMs: 0, p95Ms: 0 } });
    expect(await admin.reset()).toEqual(initial);
  });

  it('throws an error naming the simulator, the call and the refusal', async () => {
    const admin = createSimulatorAdmin(url, 'test');
    const refusal = admin.setFaults({ errorRate: 2 });
    await expect(refusal).rejects.toBeInstanceOf(SimulatorAdminError);
    await expect(refusal).rejects.toMatchObject({ simulator: 'test', status: 400, message: expect.stringMatching(/^test refused faults \{"errorRate":2\}: HTTP 400 .*errorRate/) });
  });
});
