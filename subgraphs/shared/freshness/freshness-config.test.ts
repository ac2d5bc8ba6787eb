import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../lib/config/index.js';
import { freshnessConfigFromEnv, freshnessConfigProblems, freshnessEnvSchema } from './freshness-config.js';

const read = (env: NodeJS.ProcessEnv) => readConfig('subgraph-electricity', freshnessEnvSchema, env);
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    return freshnessConfigProblems(read(env));
  } catch (error) {
    return [...((error as { problems?: readonly string[] }).problems ?? [String(error)])];
  }
};

describe('freshness configuration (DOSSIER_FRESHNESS_*)', () => {
  it('defaults: on, 10,000 records, 3 s, the stream at the supervision subgraph’s origin asking for feed reads', () => {
    expect(freshnessConfigFromEnv(read({}))).toEqual({
      maxEntries: 10_000,
      maxAgeMs: 3_000,
      clockSkewMs: 50,
      idleTimeoutMs: 45_000,
      streamUrl: 'http://127.0.0.1:4105/internal/dossier-events?feedReads=1',
    });
    expect(freshnessConfigFromEnv(read({ SUBGRAPH_SUPERVISION_URL: 'http://supervision.internal:8080/graphql' }))?.streamUrl).toBe(
      'http://supervision.internal:8080/internal/dossier-events?feedReads=1',
    );
    expect(freshnessConfigFromEnv(read({ DOSSIER_EVENTS_URL: 'http://events.internal/stream?x=1' }))?.streamUrl).toBe('http://events.internal/stream?x=1&feedReads=1');
  });

  it('is off with DOSSIER_FRESHNESS_MAX_ENTRIES=0', () => {
    expect(freshnessConfigFromEnv(read({ DOSSIER_FRESHNESS_MAX_ENTRIES: '0' }))).toBeNull();
  });

  it.each([
    ['DOSSIER_FRESHNESS_MAX_ENTRIES', '-1', /^DOSSIER_FRESHNESS_MAX_ENTRIES="-1": expected at least 0/],
    ['DOSSIER_FRESHNESS_MAX_ENTRIES', 'beaucoup', /^DOSSIER_FRESHNESS_MAX_ENTRIES="beaucoup": expected a whole number/],
    ['DOSSIER_FRESHNESS_MAX_AGE_MS', '50', /^DOSSIER_FRESHNESS_MAX_AGE_MS="50": expected at least 100/],
    ['DOSSIER_FRESHNESS_MAX_AGE_MS', '2.5', /^DOSSIER_FRESHNESS_MAX_AGE_MS="2.5": expected a whole number/],
    ['DOSSIER_FRESHNESS_CLOCK_SKEW_MS', '-5', /^DOSSIER_FRESHNESS_CLOCK_SKEW_MS="-5": expected at least 0/],
    ['DOSSIER_FRESHNESS_IDLE_TIMEOUT_MS', '0', /^DOSSIER_FRESHNESS_IDLE_TIMEOUT_MS="0": expected at least 100/],
    ['DOSSIER_EVENTS_URL', 'supervision:4105', /^DOSSIER_EVENTS_URL="supervision:4105": expected/],
    ['SUBGRAPH_SUPERVISION_URL', 'ftp://supervision/graphql', /^SUBGRAPH_SUPERVISION_URL="ftp:\/\/supervision\/graphql": expected an http\(s\) URL/],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(message)]);
  });

  it('refuses a clock skew not below the age bound (the age could not be measured), unless the feature is off', () => {
    expect(problemsOf({ DOSSIER_FRESHNESS_MAX_AGE_MS: '1000', DOSSIER_FRESHNESS_CLOCK_SKEW_MS: '1000' })).toEqual([
      expect.stringMatching(/^DOSSIER_FRESHNESS_CLOCK_SKEW_MS=1000: must be below DOSSIER_FRESHNESS_MAX_AGE_MS \(1000\)/),
    ]);
    expect(problemsOf({ DOSSIER_FRESHNESS_MAX_AGE_MS: '1000', DOSSIER_FRESHNESS_CLOCK_SKEW_MS: '999' })).toEqual([]);
    expect(problemsOf({ DOSSIER_FRESHNESS_MAX_ENTRIES: '0', DOSSIER_FRESHNESS_MAX_AGE_MS: '1000', DOSSIER_FRESHNESS_CLOCK_SKEW_MS: '5000' })).toEqual([]);
  });
});
