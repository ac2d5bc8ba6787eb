import { Counter, Gauge, type Registry } from 'prom-client';
import { createInternalTokenSigner, type Principal } from '../../../auth/index.js';
import { followDossierEvents } from '../../../events/index.js';
import type { Logger } from '../../../lib/log/index.js';
import type { LegacySystem } from '../../../schema/index.js';
import { createFeedFreshness, type FeedFreshness } from './feed-freshness.js';
import type { FreshnessConfig } from './freshness-config.js';
import type { FeedFreshnessCounters } from './with-feed-freshness.js';

/** Who reads the stream: a ministry subgraph, for its own system's feed reads. */
const streamReader = (system: LegacySystem): Principal => ({ subject: `guichet-freshness-${system}`, role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'guichet-freshness' });

export interface RunningFeedFreshness<R> {
  readonly freshness: FeedFreshness<R>;
  readonly counters: FeedFreshnessCounters;
  /** Whether the stream is connected now. */
  connected(): boolean;
  registerMetrics(registry: Registry): void;
  close(): Promise<void>;
}

export interface StartFeedFreshnessOptions {
  readonly system: LegacySystem;
  readonly config: FreshnessConfig;
  /** The subgraph's INTERNAL_TOKEN_SECRET: the stream checks the same internal token as every subgraph. */
  readonly internalTokenSecret: string;
  readonly log: Logger;
}

/**
 * Follows the supervision subgraph's stream (new events and feed reads only: nothing kept survives a restart, so
 * nothing older matters) into this process's freshness rule. Each replica follows it itself: what it keeps is its own.
 * While the stream is down nothing is proven, and every poll goes to the legacy system.
 */
export function startFeedFreshness<R extends object>({ system, config, internalTokenSecret, log }: StartFeedFreshnessOptions): RunningFeedFreshness<R> {
  const freshness = createFeedFreshness<R>({ system, maxEntries: config.maxEntries, maxAgeMs: config.maxAgeMs, clockSkewMs: config.clockSkewMs });
  const signer = createInternalTokenSigner({ secret: internalTokenSecret });
  const stop = new AbortController();
  let isConnected = false;
  let proven = 0;
  let fromLegacy = 0;
  const running = followDossierEvents({
    url: config.streamUrl,
    internalToken: () => signer.sign(streamReader(system), { operationName: 'dossierFreshness' }),
    // New events only, on every connection: a reconnection forgets everything kept (see forgetAll).
    after: () => undefined,
    onEvent: (event) => freshness.onEvent(event),
    onFeedRead: (read) => freshness.onFeedRead(read),
    onReset: () => freshness.forgetAll(),
    onConnection: (connected) => {
      isConnected = connected;
      freshness.forgetAll();
    },
    idleTimeoutMs: config.idleTimeoutMs,
    signal: stop.signal,
    log,
  });
  return {
    freshness,
    counters: {
      count(p, l) {
        proven += p;
        fromLegacy += l;
      },
    },
    connected: () => isConnected,
    registerMetrics(registry) {
      new Counter({
        name: 'guichet_dossier_freshness_reads_total',
        help: 'Dossiers read by reference, by where the answer came from: kept and proven unchanged by the change feed (proven), or the legacy system (legacy).',
        labelNames: ['system', 'source'],
        registers: [registry],
        collect() {
          this.reset();
          this.inc({ system, source: 'proven' }, proven);
          this.inc({ system, source: 'legacy' }, fromLegacy);
        },
      });
      new Gauge({
        name: 'guichet_dossier_freshness_kept',
        help: 'Dossier records kept to answer status polls the change feed proves unchanged.',
        labelNames: ['system'],
        registers: [registry],
        collect() {
          this.set({ system }, freshness.size());
        },
      });
    },
    async close() {
      stop.abort();
      await running;
    },
  };
}
