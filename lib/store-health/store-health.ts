/** One store's reachability as its own operations saw it, for `/ready` and `/metrics`. */
export interface StoreStatus {
  readonly store: string;
  /** `postgres`, `redis`, `sqlite`, `memory`, `file`. */
  readonly engine: string;
  /** False after a failed operation, true again after the next one that succeeded. */
  readonly up: boolean;
  /** The last failure's message (English, for operators), while down. */
  readonly lastError: string | null;
  /** Epoch ms of the last change of `up`. */
  readonly since: number;
  /** Failed operations since start. */
  readonly failures: number;
  /** What the store does while down, for operators: `fail-closed`, `fail-open`, `local-fallback`… */
  readonly whileDown: string;
}

export interface StoreHealth {
  /** Runs one store operation, recording whether it reached the store; rethrows its error. */
  track<T>(operation: () => Promise<T>): Promise<T>;
  succeeded(): void;
  failed(error: unknown): void;
  status(): StoreStatus;
}

export interface StoreHealthOptions {
  readonly store: string;
  readonly engine: string;
  readonly whileDown: string;
  readonly clock?: () => number;
  /** Told on every change of `up` (a log line, a metric). */
  readonly onChange?: (status: StoreStatus) => void;
}

/**
 * Health from real traffic, not a probe of its own: each store operation says whether its server answered, so a
 * server that went away shows within one operation, and comes back by itself with the next that succeeds.
 */
export function createStoreHealth({ store, engine, whileDown, clock = Date.now, onChange = () => undefined }: StoreHealthOptions): StoreHealth {
  let up = true;
  let lastError: string | null = null;
  let since = clock();
  let failures = 0;
  const status = (): StoreStatus => ({ store, engine, up, lastError, since, failures, whileDown });
  const set = (next: boolean, error: string | null) => {
    lastError = error;
    if (next === up) return;
    up = next;
    since = clock();
    onChange(status());
  };
  const succeeded = () => set(true, null);
  const failed = (error: unknown) => {
    failures += 1;
    set(false, error instanceof Error ? error.message : String(error));
  };
  return {
    async track(operation) {
      try {
        const result = await operation();
        succeeded();
        return result;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    succeeded,
    failed,
    status,
  };
}
