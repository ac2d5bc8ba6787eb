import type { Principal } from '../../auth/index.js';
import { subscriptionRefusal } from './subscription-errors.js';

export interface SubscriptionLimits {
  /** Counts one more stream for `principal`, or throws RATE_LIMITED / SERVICE_OVERLOADED; returns its release. */
  acquire(principal: Principal): () => void;
  /** Streams open now, in this process. */
  open(): number;
}

/**
 * Caps on open subscriptions: per caller (subject and client: a person's phone and browser count apart), and per
 * process (each stream holds a buffer and a socket; past the cap, the next one is refused, never an old one cut).
 */
export function createSubscriptionLimits({ maxPerPrincipal, maxPerProcess }: { maxPerPrincipal: number; maxPerProcess: number }): SubscriptionLimits {
  const perPrincipal = new Map<string, number>();
  let total = 0;
  return {
    acquire(principal) {
      const key = JSON.stringify([principal.subject, principal.clientId]);
      const held = perPrincipal.get(key) ?? 0;
      if (total >= maxPerProcess) throw subscriptionRefusal('SERVICE_OVERLOADED', 'TOO_MANY_SUBSCRIPTIONS');
      if (held >= maxPerPrincipal) throw subscriptionRefusal('RATE_LIMITED', 'TOO_MANY_SUBSCRIPTIONS');
      perPrincipal.set(key, held + 1);
      total += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (perPrincipal.get(key) ?? 1) - 1;
        if (left === 0) perPrincipal.delete(key);
        else perPrincipal.set(key, left);
      };
    },
    open: () => total,
  };
}
