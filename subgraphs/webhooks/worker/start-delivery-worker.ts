import type { Logger } from '../../../lib/log/index.js';
import type { ClaimedDelivery, WebhookStore } from '../store/index.js';
import { decideAfterAttempt, type AttemptResult, type RetryPolicy } from './decide-after-attempt.js';

export interface DeliveryWorkerOptions {
  readonly store: WebhookStore;
  /** One HTTP attempt; never throws (a failure is `error`). */
  readonly send: (claimed: ClaimedDelivery, at: number) => Promise<AttemptResult>;
  readonly policy: RetryPolicy;
  /** Attempts in flight at once. */
  readonly concurrency: number;
  /** How often the store is asked for due deliveries when nothing woke the worker. */
  readonly pollMs: number;
  readonly leaseMs: number;
  /** This process's lease owner id. */
  readonly owner: string;
  readonly log: Logger;
  readonly clock?: () => number;
  /** Told after every attempt (metrics, tests). */
  readonly onAttempt?: (claimed: ClaimedDelivery, result: AttemptResult) => void;
}

export interface DeliveryWorker {
  /** Deliveries were created or made due: look now rather than at the next poll. */
  wake(): void;
  /** Attempts in flight now. */
  inFlight(): number;
  /** Stops claiming, waits for the attempts in flight (bounded by their timeout), releases nothing else. */
  close(): Promise<void>;
}

/**
 * Sends the due deliveries: claims them under a lease (so that replicas share the work and a dead replica's
 * deliveries are taken over when the lease runs out), sends each, records the attempt and what follows (fenced by the
 * lease), and updates the webhook's health. Nothing is lost: a delivery stays in the store until a 2xx, the end of
 * its schedule, or its webhook's deletion.
 */
export function startDeliveryWorker({ store, send, policy, concurrency, pollMs, leaseMs, owner, log, clock = Date.now, onAttempt }: DeliveryWorkerOptions): DeliveryWorker {
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;

  const attempt = async (claimed: ClaimedDelivery) => {
    const { delivery, webhook } = claimed;
    const at = clock();
    const result = await send(claimed, at);
    onAttempt?.(claimed, result);
    const decision = decideAfterAttempt(result, delivery.attempts + 1, webhook, at, policy);
    const recorded = await store.recordAttempt(delivery.id, { owner, at, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, outcome: decision.outcome });
    if (!recorded) {
      log.warn({ delivery: delivery.id, webhook: webhook.id }, 'webhook delivery: lease lost during the attempt (it took longer than WEBHOOKS_LEASE_MS); another replica owns it now');
      return;
    }
    if (decision.health) {
      await store.updateWebhookHealth(webhook.id, decision.health);
      if (decision.health.disable) log.warn({ webhook: webhook.id, owner: webhook.ownerSubject, lastError: result.error }, 'webhook disabled after sustained failure');
    }
    if (result.error !== null)
      log.info({ delivery: delivery.id, webhook: webhook.id, attempt: delivery.attempts + 1, error: result.error, next: decision.outcome.state }, 'webhook delivery attempt failed');
  };

  const loop = async () => {
    while (!stopped) {
      const room = concurrency - inFlight.size;
      let claimed: readonly ClaimedDelivery[] = [];
      if (room > 0) {
        try {
          claimed = await store.claimDue({ now: clock(), limit: room, leaseMs, owner });
        } catch (error) {
          log.warn({ err: error }, 'webhook deliveries: claiming failed (store unavailable?); retried at the next poll');
        }
      }
      for (const item of claimed) {
        const running: Promise<void> = attempt(item)
          .catch((error: unknown) => log.error({ err: error, delivery: item.delivery.id }, 'webhook delivery: recording the attempt failed; the lease will run out and it will be tried again'))
          .finally(() => {
            inFlight.delete(running);
            wake();
          });
        inFlight.add(running);
      }
      // A full batch may mean more are due: look again at once (room permitting); else wait for a wake-up or the poll.
      if (claimed.length > 0 && claimed.length === room) continue;
      if (pendingWake) {
        pendingWake = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  };
  const wake = () => {
    if (wakeUp) wakeUp();
    else pendingWake = true;
  };
  const running = loop();

  return {
    wake,
    inFlight: () => inFlight.size,
    async close() {
      stopped = true;
      wake();
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}
