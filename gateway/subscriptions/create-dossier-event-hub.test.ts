import { afterEach, describe, expect, it } from 'vitest';
import { createInternalTokenSigner, type Principal } from '../../auth/index.js';
import type { DossierEvent } from '../../events/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createDossierEventHub } from './create-dossier-event-hub.js';
import { startTestEventSource, testInternalSecret } from './test-support/start-test-event-source.js';

const log = createLogger('hub-test', 'silent');
const reader: Principal = { subject: 'guichet-gateway', role: 'supervisor', scopes: ['supervisor'], clientId: 'guichet-gateway' };
const signer = createInternalTokenSigner({ secret: testInternalSecret });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sample = (n: number): Omit<DossierEvent, 'cursor'> => ({
  type: 'STATUS_CHANGED',
  reference: `CEET-2026-${String(n).padStart(6, '0')}`,
  ownerNiu: '1000000001',
  ministry: 'ENERGY',
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT',
  status: 'IN_PROGRESS',
  ministryStatus: null,
  previousStatus: null,
  at: new Date().toISOString(),
});

async function start(replayBufferSize: number, token = () => signer.sign(reader)) {
  const source = await startTestEventSource({}, 100);
  const hub = createDossierEventHub({ url: source.eventsUrl, internalToken: token, replayBufferSize, idleTimeoutMs: 1_000, reconnectDelayMs: 20, log });
  cleanups.push(source.close, hub.close);
  const received: string[] = [];
  hub.live((event) => received.push(event.cursor));
  return { source, hub, received };
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 400 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('the dossier event hub', () => {
  it('fans out events; after a dropped connection it resumes with Last-Event-ID, each event once', async () => {
    const { source, hub, received } = await start(100);
    await until(() => hub.connected());
    source.publish(sample(1));
    await until(() => received.length === 1);
    source.dropStreams();
    source.publish(sample(2));
    source.publish(sample(3));
    await until(() => received.length === 3);
    expect(received).toEqual(['000000000001', '000000000002', '000000000003']);
    expect(source.connections.at(-1)?.after).toBe('000000000001');
  });

  it('replays from its buffer only what it holds whole', async () => {
    const { source, hub, received } = await start(3);
    await until(() => hub.connected());
    for (let i = 1; i <= 5; i += 1) source.publish(sample(i));
    await until(() => received.length === 5);
    // Holds 3, 4, 5: complete after 2 onwards.
    expect(hub.replayAfter('000000000003')?.map((e) => e.cursor)).toEqual(['000000000004', '000000000005']);
    expect(hub.replayAfter('000000000002')?.map((e) => e.cursor)).toEqual(['000000000003', '000000000004', '000000000005']);
    expect(hub.replayAfter('000000000001')).toBeUndefined();
    expect(hub.replayAfter('000000000005')).toEqual([]);
  });

  it('past the retained log (event: reset), it forgets its buffer rather than vouch for a gap', async () => {
    const { source, hub, received } = await start(100);
    await until(() => hub.connected());
    source.publish(sample(1));
    await until(() => received.length === 1);
    // The subgraph forgets 1..3 while the gateway is away: its resume gets `reset`, then 4.
    source.dropStreams();
    source.publish(sample(2));
    source.publish(sample(3));
    source.publish(sample(4));
    source.forgetUpTo('000000000003');
    await until(() => received.includes('000000000004'));
    expect(hub.replayAfter('000000000001')).toBeUndefined();
  });

  it('delivers nothing, and says it is not connected, while the stream refuses its token', async () => {
    const { source, hub, received } = await start(10, async () => 'not-a-token');
    await until(() => source.connections.length === 0);
    source.publish(sample(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.connected()).toBe(false);
    expect(received).toEqual([]);
  });
});
