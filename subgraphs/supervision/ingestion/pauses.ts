/** Timers that a shutdown can cut short all at once. */
export function createPauses() {
  const pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  return {
    pause(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const entry = { timer: setTimeout(() => (pending.delete(entry), resolve()), ms), resolve };
        pending.add(entry);
      });
    },
    cancelAll(): void {
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pending.clear();
    },
  };
}
