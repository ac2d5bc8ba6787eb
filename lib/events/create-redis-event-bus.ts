import { createRedis, type Redis } from '../redis/index.js';
import type { StoreHealth } from '../store-health/index.js';
import type { EventBus } from './event-bus.js';
import { createSubscriptions } from './subscriptions.js';

export interface RedisEventBusOptions {
  /** The process's command connection: publishes go through it. */
  readonly publisher: Redis;
  /** For the subscriber's own connection (a connection in subscribe mode can send nothing else). */
  readonly url: string;
  readonly connectionName: string;
  /** Told of each publish and (re)subscription that reached Redis or failed to. */
  readonly health?: StoreHealth;
  /** Counts one round trip to Redis (`guichet_redis_commands_total`). */
  readonly onCommand?: () => void;
  readonly onHandlerError?: (error: unknown) => void;
}

/**
 * Redis pub/sub between replicas. The subscriber has its own connection, which reconnects by itself (lib/redis);
 * once back it subscribes again to every channel that has handlers and tells them of the gap (`onGap`): what was
 * published while it was away is lost, as Redis pub/sub keeps nothing.
 */
export function createRedisEventBus({ publisher, url, connectionName, health, onCommand = () => undefined, onHandlerError = () => undefined }: RedisEventBusOptions): EventBus {
  const subscriber = createRedis({ url, connectionName });
  const subscriptions = createSubscriptions(onHandlerError);
  let everReady = false;
  let pending: Promise<unknown> = Promise.resolve();

  const send = <T>(command: () => Promise<T>): Promise<T> => {
    onCommand();
    const sent = command();
    return health === undefined ? sent : health.track(() => sent);
  };
  const listen = (channels: string[]) => {
    if (channels.length === 0 || subscriber.status !== 'ready') return;
    // Failed now: the next 'ready' subscribes again to everything.
    pending = Promise.all([pending, send(() => subscriber.subscribe(...channels)).catch(() => undefined)]);
  };

  subscriber.on('message', (channel: string, message: string) => subscriptions.deliver(channel, message));
  subscriber.on('ready', () => {
    // ioredis resubscribes on its own too; SUBSCRIBE twice to a channel is harmless, and this also covers channels
    // added while the connection was down (refused at once: no offline queue).
    listen(subscriptions.channels());
    if (everReady) subscriptions.gap();
    everReady = true;
  });

  return {
    async publish(channel, message) {
      await send(() => publisher.publish(channel, message));
    },
    subscribe(channel, handler, options) {
      const { first, remove } = subscriptions.add(channel, handler, options);
      if (first) listen([channel]);
      return () => {
        if (remove() && subscriber.status === 'ready') send(() => subscriber.unsubscribe(channel)).catch(() => undefined);
      };
    },
    async whenSubscribed() {
      if (subscriber.status !== 'ready') await new Promise<void>((resolve) => subscriber.once('ready', () => resolve()));
      await pending;
    },
    async close() {
      subscriber.disconnect();
    },
  };
}
