import { describe, expect, it } from 'vitest';
import { HEAP_PER_STREAM_BYTES, maxStreamsForHeap, streamBudgetProblems, subscriptionsEnvSchema, subscriptionsSettingsFromEnv } from './subscriptions-config.js';

const subgraphs = [
  { name: 'supervision', url: 'http://127.0.0.1:4105/graphql', overridden: false },
  { name: 'dossiers', url: 'http://127.0.0.1:4104/graphql', overridden: false },
];

describe('subscriptions configuration', () => {
  it('reads the stream from the supervision subgraph’s origin, and asks the gateway’s own graph who may follow a dossier, by default', () => {
    const settings = subscriptionsSettingsFromEnv(subscriptionsEnvSchema.parse({}), subgraphs);
    expect(settings).toEqual({
      eventsUrl: 'http://127.0.0.1:4105/internal/dossier-events',
      lookupUrl: undefined,
      maxStreams: maxStreamsForHeap(),
      maxStreamsPerPrincipal: 8,
      principalLeaseMs: 30_000,
      maxQueuedEvents: 256,
      replayEvents: 10_000,
      heartbeatMs: 12_000,
      upstreamIdleTimeoutMs: 45_000,
    });
  });

  it('takes overrides, and is off without a supervision subgraph nor DOSSIER_EVENTS_URL', () => {
    const env = subscriptionsEnvSchema.parse({ DOSSIER_EVENTS_URL: 'http://events.internal:9000/stream', SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: '2' });
    expect(subscriptionsSettingsFromEnv(env, subgraphs)).toMatchObject({ eventsUrl: 'http://events.internal:9000/stream', maxStreamsPerPrincipal: 2 });
    expect(subscriptionsSettingsFromEnv(subscriptionsEnvSchema.parse({}), []).eventsUrl).toBeUndefined();
  });

  const mib = 2 ** 20;
  it.each([160, 256, 512, 1024, 4096])('with a %i MiB heap, the default cap is what 30 %% of it holds, and one stream more is refused at start-up', (heapMiB) => {
    const heap = heapMiB * mib;
    const cap = maxStreamsForHeap(heap);
    expect(cap * HEAP_PER_STREAM_BYTES).toBeLessThanOrEqual(heap * 0.3);
    expect((cap + 1) * HEAP_PER_STREAM_BYTES).toBeGreaterThan(heap * 0.3);
    expect(streamBudgetProblems(undefined, heap)).toEqual([]);
    expect(streamBudgetProblems(cap, heap)).toEqual([]);
    expect(streamBudgetProblems(cap + 1, heap)).toEqual([
      expect.stringMatching(new RegExp(`^SUBSCRIPTIONS_MAX_STREAMS=${cap + 1}: .* \\(\\d+ MB; ${cap} streams fit\\): lower it, or start the gateway with a larger --max-old-space-size$`)),
    ]);
  });

  it('the production gateway (160 MB heap) caps itself below where the bench saw it die (4,000–5,500 streams)', () => {
    expect(maxStreamsForHeap(160 * mib)).toBeLessThan(4_000);
  });

  it.each([
    ['SUBSCRIPTIONS_MAX_STREAMS', '0'],
    ['SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL', '-1'],
    ['SUBSCRIPTIONS_MAX_QUEUED_EVENTS', 'many'],
    ['SUBSCRIPTIONS_REPLAY_EVENTS', '0'],
    ['SUBSCRIPTIONS_HEARTBEAT_MS', '10'],
    ['DOSSIER_EVENTS_IDLE_TIMEOUT_MS', '5'],
    ['SUBSCRIPTIONS_PRINCIPAL_LEASE_MS', '100'],
    ['SUBSCRIPTIONS_PRINCIPAL_LEASE_MS', '3600000'],
    ['DOSSIER_EVENTS_URL', 'not a url'],
  ])('refuses %s=%s', (variable, value) => {
    expect(subscriptionsEnvSchema.safeParse({ [variable]: value }).success).toBe(false);
  });
});
