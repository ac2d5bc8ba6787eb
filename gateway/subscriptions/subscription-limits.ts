import type { Principal } from '../../auth/index.js';
import { createMemoryPrincipalStreams, type PrincipalStreams } from './principal-streams/index.js';
import { subscriptionRefusal } from './subscription-errors.js';

export interface SubscriptionLimits {
  /** Counts one more stream for `principal`, or throws RATE_LIMITED / SERVICE_OVERLOADED; resolves to its release. */
  acquire(principal: Principal): Promise<() => void>;
  /** Streams open now, in this process. */
  open(): number;
}

export interface SubscriptionLimitsOptions {
  readonly maxPerPrincipal: number;
  readonly maxPerProcess: number;
  /** Who counts a principal's streams: this process (default) or every replica (Redis, scaled mode). */
  readonly principals?: PrincipalStreams;
}

/**
 * Caps on open subscriptions: per caller (subject and client: a person's phone and browser count apart; across
 * replicas in scaled mode), and per process (each stream holds a buffer and a socket: always this process's own
 * count). Past either cap, the next one is refused, never an old one cut.
 */
export function createSubscriptionLimits({ maxPerPrincipal, maxPerProcess, principals = createMemoryPrincipalStreams() }: SubscriptionLimitsOptions): SubscriptionLimits {
  let total = 0;
  return {
    async acquire(principal) {
      if (total >= maxPerProcess) throw subscriptionRefusal('SERVICE_OVERLOADED', 'TOO_MANY_SUBSCRIPTIONS');
      // Reserved before the principal's count is asked (a round trip to Redis): concurrent subscribes cannot all
      // pass the process cap while they wait.
      total += 1;
      let claim: Awaited<ReturnType<PrincipalStreams['claim']>>;
      try {
        claim = await principals.claim(JSON.stringify([principal.subject, principal.clientId]), maxPerPrincipal);
      } catch (error) {
        total -= 1;
        throw error;
      }
      if (claim === undefined) {
        total -= 1;
        throw subscriptionRefusal('RATE_LIMITED', 'TOO_MANY_SUBSCRIPTIONS');
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        claim.release();
      };
    },
    open: () => total,
  };
}
