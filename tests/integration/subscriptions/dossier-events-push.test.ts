import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { oneDossierEvents, subscribe, type Subscriber, type Transport } from '../../../gateway/subscriptions/test-support/subscribers.js';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { citizenToken } from '../../support/tokens.js';
import { atVisitFor } from '../../support/subjects.js';

/**
 * Issue 15 end to end on the real stack: a status changed in the CEET simulator (its admin operation) travels through
 * CEET's change feed, the supervision subgraph's event log and internal stream, to the gateway's subscriptions, and
 * reaches the owner's real `graphql-sse` and `graphql-ws` clients — and never another citizen's.
 */
const shipped = readFileSync(new URL('../../../clients/operations/MyDossierEvents.graphql', import.meta.url), 'utf8');
// Two requests « visite programmée » (20) of two different citizens, this suite's own (tests/support/subjects).
const [owner, other] = atVisitFor('dossierEventsPush');
const subscribers: Subscriber[] = [];
afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.close()));
});

type Event = Record<string, unknown>;

/** Reads until an event of `reference` of type `type` arrives; every event before it must pass `allowed`. */
async function readUntilChange(subscriber: Subscriber, reference: string, type: string, allowed: (event: Event) => boolean): Promise<Event> {
  for (;;) {
    const result = await subscriber.next(20_000);
    if (result === 'done' || !result.data) throw new Error(`expected ${type} of ${reference}, got ${JSON.stringify(result)}`);
    const event = result.data.myDossierEvents as Event;
    if (event.reference === reference && event.type === type) return event;
    expect(allowed(event), JSON.stringify(event)).toBe(true);
  }
}

describe('dossier events pushed to citizens (real stack, real clients)', () => {
  it('delivers a CEET status change to its owner over graphql-sse and graphql-ws (all their dossiers, and the one they follow), and to no other citizen', async () => {
    if (!owner || !other) throw new Error('the test world lacks two CEET requests at status 20 with different owners');
    const base = new URL(inject('gatewayUrl')).origin;
    const ownerReference = `CEET-${owner.numero}`;
    const otherReference = `CEET-${other.numero}`;
    // From the start of the log: a subscription registered after the change still gets it (resumption by cursor).
    const variables = { after: '0' };
    const streams = new Map<string, Subscriber>();
    for (const transport of ['sse', 'ws'] as const satisfies readonly Transport[]) {
      for (const [who, niu] of [
        ['owner', owner.niu],
        ['other', other.niu],
      ] as const) {
        const subscriber = subscribe(transport, base, { query: shipped, variables, token: await citizenToken(niu) });
        subscribers.push(subscriber);
        streams.set(`${transport}:${who}`, subscriber);
      }
    }
    const ceet = createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet');
    // The owner's change first, then the other's: had the owner's event leaked, it would come before the other's own.
    await ceet.setDossierStatus(owner.numero, '30');
    await ceet.setDossierStatus(other.numero, '30');

    // One dossier followed by its owner (dossierEvents: the graph, asked with the owner's token, lets them).
    for (const transport of ['sse', 'ws'] as const) {
      const one = subscribe(transport, base, { query: oneDossierEvents, variables: { reference: ownerReference, after: '0' }, token: await citizenToken(owner.niu) });
      subscribers.push(one);
      for (;;) {
        const result = await one.next(20_000);
        if (result === 'done' || !result.data) throw new Error(`${transport}: dossierEvents(${ownerReference}) gave ${JSON.stringify(result)}`);
        const event = result.data.dossierEvents as Event;
        expect(event.reference, transport).toBe(ownerReference);
        if (event.type === 'STATUS_CHANGED' && event.status === 'ACTION_REQUIRED') break;
      }
    }
    for (const transport of ['sse', 'ws'] as const) {
      const mine = await readUntilChange(streams.get(`${transport}:owner`)!, ownerReference, 'STATUS_CHANGED', (e) => e.reference !== otherReference);
      expect(mine, transport).toMatchObject({ type: 'STATUS_CHANGED', reference: ownerReference, status: 'ACTION_REQUIRED', previousStatus: 'IN_PROGRESS', ministry: 'ENERGY' });
      expect(Object.keys(mine), transport).not.toContain('ownerNiu');
      const theirs = await readUntilChange(streams.get(`${transport}:other`)!, otherReference, 'STATUS_CHANGED', (e) => e.reference !== ownerReference);
      expect(theirs.reference, transport).toBe(otherReference);
    }
  });
});
