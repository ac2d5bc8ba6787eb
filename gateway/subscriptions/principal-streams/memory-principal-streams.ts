import type { PrincipalStreams } from './principal-streams.js';

/** Per-process counting (embedded mode, and each replica's own count while Redis cannot be reached). */
export interface MemoryPrincipalStreams extends PrincipalStreams {
  /** Streams this process holds for `principal`. */
  held(principal: string): number;
}

export function createMemoryPrincipalStreams(): MemoryPrincipalStreams {
  const counts = new Map<string, number>();
  const held = (principal: string) => counts.get(principal) ?? 0;
  return {
    held,
    async claim(principal, max) {
      if (held(principal) >= max) return undefined;
      counts.set(principal, held(principal) + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const left = held(principal) - 1;
          if (left <= 0) counts.delete(principal);
          else counts.set(principal, left);
        },
      };
    },
    async close() {},
  };
}
