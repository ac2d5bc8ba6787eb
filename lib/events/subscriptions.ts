import type { EventHandler, SubscribeOptions } from './event-bus.js';

interface Subscription {
  readonly handler: EventHandler;
  readonly onGap: (() => void) | undefined;
}

/** The handlers of each channel, shared by every EventBus implementation. */
export interface Subscriptions {
  /** Adds a handler; true when it is the channel's first (the bus must start listening to it). */
  add(channel: string, handler: EventHandler, options: SubscribeOptions | undefined): { first: boolean; remove: () => boolean };
  deliver(channel: string, message: string): void;
  gap(): void;
  channels(): string[];
}

/**
 * Handlers per channel. `remove` returns true when the channel has no handler left (the bus may stop listening). A
 * handler that throws does not keep the message from the others: the error goes to `onHandlerError`.
 */
export function createSubscriptions(onHandlerError: (error: unknown) => void): Subscriptions {
  const byChannel = new Map<string, Set<Subscription>>();
  const each = (subscriptions: Iterable<Subscription>, call: (subscription: Subscription) => void) => {
    for (const subscription of [...subscriptions]) {
      try {
        call(subscription);
      } catch (error) {
        onHandlerError(error);
      }
    }
  };
  return {
    add(channel, handler, options) {
      let set = byChannel.get(channel);
      const first = set === undefined;
      if (set === undefined) byChannel.set(channel, (set = new Set()));
      // A distinct object per call: the same handler subscribed twice is removed once per unsubscribe.
      const subscription: Subscription = { handler, onGap: options?.onGap };
      set.add(subscription);
      let removed = false;
      return {
        first,
        remove() {
          if (removed) return false;
          removed = true;
          set.delete(subscription);
          if (set.size > 0 || byChannel.get(channel) !== set) return false;
          byChannel.delete(channel);
          return true;
        },
      };
    },
    deliver(channel, message) {
      const set = byChannel.get(channel);
      if (set !== undefined) each(set, (subscription) => subscription.handler(message));
    },
    gap() {
      for (const set of byChannel.values()) each(set, (subscription) => subscription.onGap?.());
    },
    channels: () => [...byChannel.keys()],
  };
}
