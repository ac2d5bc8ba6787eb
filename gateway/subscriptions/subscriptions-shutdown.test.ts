import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubscriptionStack, type SubscriptionStack } from './test-support/start-subscription-stack.js';
import { eventOf, myEvents, subscribe, syncOn, type Transport } from './test-support/subscribers.js';

let stack: SubscriptionStack;
beforeAll(async () => {
  stack = await startSubscriptionStack();
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

describe('gateway shutdown', () => {
  it('ends every open stream with SHUTTING_DOWN, over both transports, before it stops', async () => {
    const token = await stack.token({ role: 'citizen', niu: stack.alice });
    const subscribers = (['sse', 'ws'] as Transport[]).map((transport) => subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    for (const subscriber of subscribers) await syncOn(subscriber, () => stack.publish(stack.aliceDossier, stack.alice));
    const closing = stack.gateway.close();
    for (const subscriber of subscribers) {
      let result = await subscriber.next();
      while (eventOf(result)) result = await subscriber.next();
      expect((result as { errors?: { extensions?: unknown }[] }).errors?.[0]?.extensions).toEqual({ code: 'SERVICE_OVERLOADED', reason: 'SHUTTING_DOWN' });
    }
    await closing;
    for (const subscriber of subscribers) await subscriber.close();
  });
});
