import type { Worker } from 'node:cluster';
import type { EventBus, EventHandler } from '../../lib/events/index.js';

/** One message of the workers' bus, through the primary. */
export interface ClusterBusMessage {
  readonly kind: 'guichet.bus';
  readonly channel: string;
  readonly message: string;
}

export function isClusterBusMessage(message: unknown): message is ClusterBusMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { kind, channel, message: text } = message as Partial<ClusterBusMessage>;
  return kind === 'guichet.bus' && typeof channel === 'string' && typeof text === 'string';
}

/**
 * The workers of one gateway as an `EventBus` (the interface Redis pub/sub gives the replicas of a scaled one): a
 * worker publishes to the primary, which relays to every worker, the publisher included. What a worker keeps for a
 * caller (its shared reads, its private responses) is then dropped on all of them after that caller's mutation.
 */
export function createWorkerEventBus(): EventBus {
  const handlers = new Map<string, Set<EventHandler>>();
  const onMessage = (message: unknown) => {
    if (!isClusterBusMessage(message)) return;
    for (const handler of handlers.get(message.channel) ?? []) handler(message.message);
  };
  process.on('message', onMessage);
  return {
    publish: (channel, message) =>
      new Promise((resolve, reject) => {
        const outgoing: ClusterBusMessage = { kind: 'guichet.bus', channel, message };
        if (process.send === undefined) return reject(new Error('not a cluster worker: no channel to the primary'));
        process.send(outgoing, undefined, {}, (error) => (error ? reject(error) : resolve()));
      }),
    subscribe(channel, handler) {
      let subscribed = handlers.get(channel);
      if (subscribed === undefined) handlers.set(channel, (subscribed = new Set()));
      subscribed.add(handler);
      return () => void subscribed.delete(handler);
    },
    whenSubscribed: () => Promise.resolve(),
    close: async () => {
      process.off('message', onMessage);
      handlers.clear();
    },
  };
}

/** The primary's half: every bus message a worker sends goes to every worker still connected. */
export function relayClusterBus(worker: Worker, workers: () => Iterable<Worker>): void {
  worker.on('message', (message: unknown) => {
    if (!isClusterBusMessage(message)) return;
    for (const other of workers()) if (other.isConnected()) other.send(message);
  });
}
