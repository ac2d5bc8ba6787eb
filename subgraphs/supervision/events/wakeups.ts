/** Wakes every waiter at once: the stream's connections sleep on it until the log may have grown. */
export interface Wakeups {
  /** Resolves at the next `wake()`. */
  next(): Promise<void>;
  wake(): void;
}

export function createWakeups(): Wakeups {
  let waiters: (() => void)[] = [];
  return {
    next: () => new Promise<void>((resolve) => waiters.push(resolve)),
    wake() {
      const woken = waiters;
      waiters = [];
      for (const resolve of woken) resolve();
    },
  };
}
