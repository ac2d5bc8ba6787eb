import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubscriptionStack, type SubscriptionStack } from './test-support/start-subscription-stack.js';
import { eventOf, myEvents, oneDossierEvents, subscribe, syncOn, type Subscriber, type Transport } from './test-support/subscribers.js';

let stack: SubscriptionStack;
beforeAll(async () => {
  stack = await startSubscriptionStack({ SUBSCRIPTIONS_REPLAY_EVENTS: '5', SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: '3' });
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

const open: Subscriber[] = [];
const track = (subscriber: Subscriber) => {
  open.push(subscriber);
  return subscriber;
};
const closeAll = async () => {
  for (const subscriber of open.splice(0)) await subscriber.close();
};

describe.each<Transport>(['sse', 'ws'])('myDossierEvents over %s', (transport) => {
  it('a citizen receives their own events, never another citizen’s, and never an owner’s NIU', async () => {
    const token = await stack.token({ role: 'citizen', niu: stack.alice });
    const alice = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    await syncOn(alice, () => stack.publish(stack.aliceDossier, stack.alice));
    const bobs = stack.publish(stack.bobDossier, stack.bob);
    const own = stack.publish(stack.aliceDossier, stack.alice, 'ACTION_REQUIRED');
    const result = await alice.next();
    expect(eventOf(result)).toEqual({
      cursor: own.cursor,
      type: 'STATUS_CHANGED',
      reference: stack.aliceDossier,
      status: 'ACTION_REQUIRED',
      previousStatus: 'SUBMITTED',
      ministryStatus: 'EN_COURS',
      ministry: 'ENERGY',
      procedure: 'CEET-RACCORDEMENT',
      at: own.at,
    });
    expect(JSON.stringify(result)).not.toContain(stack.bob);
    expect(JSON.stringify(result)).not.toContain(bobs.reference);
    await closeAll();
  });
});
