import type { EventBus } from './event-bus.js';
import { createSubscriptions } from './subscriptions.js';

export interface MemoryEventBusOptions {
  readonly onHandlerError?: (error: unknown) => void;
}

/**
 * One process's bus (a single gateway, `REDIS_URL` unset): every subscriber is here, so nothing can be missed.
 * Delivery is asynchronous, as over Redis, so that code written against one behaves the same on the other.
 */
export function createMemoryEventBus({ onHandlerError = () => undefined }: MemoryEventBusOptions = {}): EventBus {
  const subscriptions = createSubscriptions(onHandlerError);
  let closed = false;
  return {
    async publish(channel, message) {
      if (closed) throw new Error('event bus closed');
      queueMicrotask(() => subscriptions.deliver(channel, message));
    },
    subscribe(channel, handler, options) {
      const { remove } = subscriptions.add(channel, handler, options);
      return () => void remove();
    },
    whenSubscribed: () => Promise.resolve(),
    async close() {
      closed = true;
    },
  };
}
