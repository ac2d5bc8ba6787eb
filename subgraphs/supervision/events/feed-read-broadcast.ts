import type { FeedRead } from '../../../events/index.js';

/**
 * The feed reads this process makes (as the ingesting leader), handed to every stream connection that asked for them.
 * In process only: a replica that does not ingest has none to send, and its readers fall back to the legacy systems.
 */
export interface FeedReadBroadcast {
  publish(read: FeedRead): void;
  /** Returns the unsubscribe. */
  subscribe(listener: (read: FeedRead) => void): () => void;
}

export function createFeedReadBroadcast(): FeedReadBroadcast {
  const listeners = new Set<(read: FeedRead) => void>();
  return {
    publish(read) {
      for (const listener of listeners) listener(read);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
