import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../event-bus.js';

/**
 * Two nodes of one deployment (two gateway replicas). An in-process bus has a single node: it is given twice.
 */
export interface EventBusPair {
  readonly a: EventBus;
  readonly b: EventBus;
  close(): Promise<void>;
}

/** Every message a handler received, and a way to wait for the next ones. */
function inbox() {
  const messages: string[] = [];
  return { messages, handler: (message: string) => void messages.push(message) };
}

/** The behaviour every EventBus must have; each implementation runs this suite. */
export function describeEventBusContract(name: string, factory: () => Promise<EventBusPair>): void {
  describe(`${name}: EventBus contract`, () => {
    const opened: EventBusPair[] = [];
    const open = async () => {
      const pair = await factory();
      opened.push(pair);
      return pair;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((pair) => pair.close()));
    });

    it('delivers a message to every subscriber of its channel on every node, the publisher’s included, in order', async () => {
      const { a, b } = await open();
      const onA = inbox();
      const onB = inbox();
      const otherChannel = inbox();
      a.subscribe('cache', onA.handler);
      b.subscribe('cache', onB.handler);
      b.subscribe('push', otherChannel.handler);
      await Promise.all([a.whenSubscribed(), b.whenSubscribed()]);
      await a.publish('cache', 'one');
      await a.publish('cache', 'two');
      await expect.poll(() => onB.messages).toEqual(['one', 'two']);
      await expect.poll(() => onA.messages).toEqual(['one', 'two']);
      expect(otherChannel.messages).toEqual([]);
    });

    it('stops delivering to a handler once it unsubscribed, and keeps delivering to the others', async () => {
      const { a, b } = await open();
      const kept = inbox();
      const dropped = inbox();
      b.subscribe('cache', kept.handler);
      const unsubscribe = b.subscribe('cache', dropped.handler);
      await b.whenSubscribed();
      await a.publish('cache', 'before');
      await expect.poll(() => dropped.messages).toEqual(['before']);
      unsubscribe();
      await a.publish('cache', 'after');
      await expect.poll(() => kept.messages).toEqual(['before', 'after']);
      expect(dropped.messages).toEqual(['before']);
    });

    it('stops listening to a channel once its last handler went, and listens again to a new one', async () => {
      const { a, b } = await open();
      const first = inbox();
      b.subscribe('cache', first.handler)();
      const second = inbox();
      b.subscribe('cache', second.handler);
      await b.whenSubscribed();
      await a.publish('cache', 'again');
      await expect.poll(() => second.messages).toEqual(['again']);
      expect(first.messages).toEqual([]);
    });

    it('keeps delivering to the other handlers when one throws', async () => {
      const { a, b } = await open();
      const after = inbox();
      b.subscribe('cache', () => {
        throw new Error('handler bug');
      });
      b.subscribe('cache', after.handler);
      await b.whenSubscribed();
      await a.publish('cache', 'x');
      await expect.poll(() => after.messages).toEqual(['x']);
    });
  });
}
