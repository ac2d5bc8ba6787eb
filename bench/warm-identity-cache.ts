import { askGateway, type AnswerSource } from './compare-answers.js';
import { mapInBatches, type CredentialPool } from './credential-pool.js';
import { legacySystems, readLegacyCalls, resetLegacyCalls, splitFeedCalls, type LegacyUrls } from './legacy-calls.js';
import type { LegacySystemName } from './scenarios.js';

/** civil-registry's identity cache in the bench stack: an hour, longer than a full run, so it stays as warmed. */
export const benchIdentityCacheTtlMs = 3_600_000;

/** What the warm-up pass cost: a first visit's legacy calls (cold cache), per system and operation. */
export interface IdentityWarmup {
  readonly dashboards: number;
  /** Dashboards whose answer carried GraphQL errors (their persons or acts may not be cached). */
  readonly withErrors: number;
  readonly coldCallsPerDashboard: Readonly<Partial<Record<LegacySystemName, Readonly<Record<string, number>>>>>;
}

/** Dashboards in flight at once during the pass: enough to be quick, few enough to stay inside the bulkheads. */
const concurrency = 8;

/**
 * Every dashboard of the rotation once, through Guichet, before any figure: civil-registry's identity cache then
 * holds every citizen's person and acts for the whole run, the same warm cache for every target (issue 16, target 1:
 * "identity and acts from the identity cache"). The figures after it are a returning citizen's; the pass itself says
 * what a first visit costs (the simulators' counters over it, feed polls apart).
 */
export async function warmIdentityCache(source: AnswerSource, credentials: CredentialPool, legacyUrls: LegacyUrls): Promise<IdentityWarmup> {
  await credentials.refresh();
  await resetLegacyCalls(legacyUrls);
  // One per citizen: a second dashboard of the same citizen would already be warm.
  const firstOfEach = [...new Map(source.requests.map((request, index) => [request.caller, { request, index }])).values()];
  const answers = await mapInBatches(firstOfEach, concurrency, ({ request, index }) => askGateway(source, request, credentials, `identity-warmup-${index}`));
  const { requests } = splitFeedCalls(await readLegacyCalls(legacyUrls));
  const dashboards = answers.length;
  const withErrors = answers.filter((a) => typeof a === 'object' && a !== null && Array.isArray((a as { errors?: unknown }).errors)).length;
  const coldCallsPerDashboard = Object.fromEntries(legacySystems.map((s) => [s, Object.fromEntries(Object.entries(requests[s]).map(([op, n]) => [op, dashboards === 0 ? 0 : n / dashboards]))]));
  return { dashboards, withErrors, coldCallsPerDashboard };
}
