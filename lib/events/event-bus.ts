/** Called with each message published on a channel this handler subscribed to. */
export type EventHandler = (message: string) => void;

export interface SubscribeOptions {
  /**
   * Told when messages of this channel may have been missed (the subscriber lost its server and came back): a
   * subscriber that keeps state derived from the messages (a cache it invalidates) must resynchronise then.
   */
  readonly onGap?: () => void;
}

/**
 * Messages between the processes of one deployment (gateway replicas): at most once, in publication order per
 * publisher, to every subscriber of the channel at the time — the publisher's own process included. Nothing is kept:
 * a subscriber that was not listening does not get the message later (see `onGap`).
 */
export interface EventBus {
  /** Sends `message` to every current subscriber of `channel`; rejects when the message could not be sent. */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `handler` with each message of `channel` from now on; returns the function that stops it. */
  subscribe(channel: string, handler: EventHandler, options?: SubscribeOptions): () => void;
  /** Resolves once every subscription asked for so far is in effect (a message published after reaches it). */
  whenSubscribed(): Promise<void>;
  close(): Promise<void>;
}
