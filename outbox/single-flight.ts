export interface Flight<V> {
  readonly result: Promise<V>;
  /** True when this call joined a flight already running for the key. */
  readonly joined: boolean;
}

export interface SingleFlight<V> {
  run(key: string, work: () => Promise<V>): Flight<V>;
}

/**
 * Concurrent calls for one key share the first call's work; once it settles the next call starts afresh. One
 * process only: across processes, the store's unique key and the legacy lookup take over.
 */
export function createSingleFlight<V>(): SingleFlight<V> {
  const flights = new Map<string, Promise<V>>();
  return {
    run(key, work) {
      const running = flights.get(key);
      if (running) return { result: running, joined: true };
      const result = work().finally(() => flights.delete(key));
      flights.set(key, result);
      return { result, joined: false };
    },
  };
}
