/** Where events of one kind are reported: metrics, logs and figures subscribe. Free of any metrics library. */
export interface EventHub<E> {
  record(event: E): void;
  /** Called synchronously on every event; returns the unsubscribe function. */
  subscribe(listener: (event: E) => void): () => void;
}

/**
 * A hub whose listeners run synchronously, in subscription order. A listener that throws is reported as a process
 * warning (`<what> listener failed: …`, named `warningName`), never thrown: an observer's bug must never reach a
 * request or fail a legacy call.
 */
export function createEventHub<E>(what: string, warningName: string): EventHub<E> {
  const listeners = new Set<(event: E) => void>();
  return {
    record(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          process.emitWarning(`${what} listener failed: ${error instanceof Error ? error.message : String(error)}`, warningName);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
