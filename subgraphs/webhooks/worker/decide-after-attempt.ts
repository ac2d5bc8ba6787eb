import type { AttemptOutcome, Webhook, WebhookHealthChange } from '../store/index.js';

export interface AttemptResult {
  readonly statusCode: number | null;
  /** Null on success (a 2xx). */
  readonly error: string | null;
  readonly durationMs: number;
}

export interface RetryPolicy {
  /** Delay before each attempt: `[0]` before the first, `[n]` after the n-th failure; past the end, give up. */
  readonly scheduleMs: readonly number[];
  /** A webhook with no success for this long is disabled. */
  readonly disableAfterMs: number;
}

export interface Decision {
  readonly outcome: AttemptOutcome;
  /** The webhook's new health, when it changes. */
  readonly health: WebhookHealthChange | null;
}

const lomeDate = (ms: number) => new Date(ms).toLocaleString('fr-FR', { timeZone: 'Africa/Lome', dateStyle: 'long', timeStyle: 'short' });

/**
 * What follows one attempt (the `attempt`-th of the delivery, replays included): success ends it and heals the
 * webhook; a failure schedules the next attempt or gives up, and disables the webhook once it has failed without a
 * single success for `disableAfterMs` — with a notice for its owner saying since when and why.
 */
export function decideAfterAttempt(result: AttemptResult, attempt: number, webhook: Webhook, at: number, policy: RetryPolicy): Decision {
  if (result.error === null) return { outcome: { state: 'SUCCEEDED' }, health: webhook.failingSince === null ? null : { failingSince: null } };
  const delay = policy.scheduleMs[attempt];
  const outcome: AttemptOutcome = delay === undefined ? { state: 'FAILED' } : { state: 'PENDING', nextAttemptAt: at + delay };
  const failingSince = webhook.failingSince ?? at;
  if (at - failingSince >= policy.disableAfterMs) {
    const reason = `Désactivé automatiquement : aucune livraison réussie depuis le ${lomeDate(failingSince)} (dernière erreur : ${result.error}). Corrigez le récepteur, réactivez le webhook (enableWebhook), puis rejouez les livraisons abandonnées.`;
    return { outcome: { state: 'FAILED' }, health: { failingSince, disable: { reason, at } } };
  }
  return { outcome, health: webhook.failingSince === null ? { failingSince } : null };
}
