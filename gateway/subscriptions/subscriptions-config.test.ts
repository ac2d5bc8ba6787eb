import { describe, expect, it } from 'vitest';
import { subscriptionsEnvSchema, subscriptionsSettingsFromEnv } from './subscriptions-config.js';

const subgraphs = [
  { name: 'supervision', url: 'http://127.0.0.1:4105/graphql', overridden: false },
  { name: 'dossiers', url: 'http://127.0.0.1:4104/graphql', overridden: false },
];

describe('subscriptions configuration', () => {
  it('reads the stream from the supervision subgraph’s origin and the ownership check from the dossiers subgraph by default', () => {
    const settings = subscriptionsSettingsFromEnv(subscriptionsEnvSchema.parse({}), subgraphs);
    expect(settings).toEqual({
      eventsUrl: 'http://127.0.0.1:4105/internal/dossier-events',
      lookupUrl: 'http://127.0.0.1:4104/graphql',
      maxStreams: 10_000,
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
