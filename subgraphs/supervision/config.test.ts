import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config/index.js';
import { testSubgraphSecret } from '../shared/testing/index.js';
import { readSupervisionConfig } from './config.js';
import { loadFeedSources } from './ingestion/index.js';

const feedSources = await loadFeedSources();
const base = { NODE_ENV: 'test', INTERNAL_TOKEN_SECRET: testSubgraphSecret, CEET_API_KEY: 'k', SUPERVISION_STORE_PATH: ':memory:' };

describe('supervision config: the dossier-event stream', () => {
  it('has the defaults of the contract', () => {
    expect(readSupervisionConfig(base, feedSources).events).toEqual({
      heartbeatMs: 15_000,
      maxStreams: 64,
      retentionMs: 72 * 3_600_000,
      maxBufferedBytes: 1_048_576,
      stallMs: 30_000,
      pollMs: 1_000,
    });
  });

  it('reads each variable', () => {
    const events = readSupervisionConfig(
      {
        ...base,
        DOSSIER_EVENTS_HEARTBEAT_MS: '500',
        DOSSIER_EVENTS_MAX_STREAMS: '3',
        DOSSIER_EVENTS_RETENTION_HOURS: '1',
        DOSSIER_EVENTS_MAX_BUFFER_BYTES: '4096',
        DOSSIER_EVENTS_STALL_MS: '250',
        DOSSIER_EVENTS_POLL_MS: '20',
      },
      feedSources,
    ).events;
    expect(events).toEqual({ heartbeatMs: 500, maxStreams: 3, retentionMs: 3_600_000, maxBufferedBytes: 4096, stallMs: 250, pollMs: 20 });
  });

  it.each([
    ['DOSSIER_EVENTS_HEARTBEAT_MS', '0'],
    ['DOSSIER_EVENTS_MAX_STREAMS', '0'],
    ['DOSSIER_EVENTS_MAX_STREAMS', 'many'],
    ['DOSSIER_EVENTS_RETENTION_HOURS', '0'],
    ['DOSSIER_EVENTS_RETENTION_HOURS', '1.5'],
    ['DOSSIER_EVENTS_MAX_BUFFER_BYTES', '10'],
    ['DOSSIER_EVENTS_STALL_MS', '-1'],
    ['DOSSIER_EVENTS_POLL_MS', '1'],
  ])('refuses %s=%s, naming it', (name, value) => {
    const read = () => readSupervisionConfig({ ...base, [name]: value }, feedSources);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(name);
  });
});

describe('supervision config: the ministry outboxes', () => {
  it('reads every connected ministry subgraph, at the registry port by default', () => {
    const config = readSupervisionConfig(base, feedSources);
    expect(config.outboxes).toContainEqual({ ministry: 'ENERGY', subgraphUrl: 'http://127.0.0.1:4102/graphql' });
    expect(config.outboxes.map((o) => o.ministry).sort()).toEqual(['CIVIL_REGISTRY', 'ENERGY', 'MINES', 'URBAN_PLANNING'].sort());
    expect(config.outboxTimeoutMs).toBe(5_000);
  });

  it('takes each subgraph URL from SUBGRAPH_<NAME>_URL, and can be switched off', () => {
    const config = readSupervisionConfig({ ...base, SUBGRAPH_BUILDING_PERMITS_URL: 'http://permits.internal:9000/graphql' }, feedSources);
    expect(config.outboxes).toContainEqual({ ministry: 'URBAN_PLANNING', subgraphUrl: 'http://permits.internal:9000/graphql' });
    expect(readSupervisionConfig({ ...base, SUPERVISION_OUTBOX_OUTCOMES: 'false' }, feedSources).outboxes).toEqual([]);
  });

  it('refuses a subgraph URL that is not http(s)', () => {
    expect(() => readSupervisionConfig({ ...base, SUBGRAPH_ELECTRICITY_URL: 'ftp://x' }, feedSources)).toThrow(ConfigError);
  });
});

describe('supervision config: the aggregation floor and the alert thresholds', () => {
  it('has defaults: a floor of 5 dossiers, alerts past 25 % beyond the delay or from 20 open dossiers past it', () => {
    const config = readSupervisionConfig(base, feedSources);
    expect(config.minGroupSize).toBe(5);
    expect(config.alertThresholds).toEqual({ beyondLegalDelayShare: 0.25, overdueBacklog: 20 });
  });

  it('reads each variable', () => {
    const config = readSupervisionConfig({ ...base, SUPERVISION_MIN_GROUP_SIZE: '10', SUPERVISION_ALERT_BEYOND_DELAY_SHARE: '0.1', SUPERVISION_ALERT_OVERDUE_BACKLOG: '3' }, feedSources);
    expect(config.minGroupSize).toBe(10);
    expect(config.alertThresholds).toEqual({ beyondLegalDelayShare: 0.1, overdueBacklog: 3 });
  });

  it.each([
    ['SUPERVISION_MIN_GROUP_SIZE', '0'],
    ['SUPERVISION_MIN_GROUP_SIZE', '2.5'],
    ['SUPERVISION_MIN_GROUP_SIZE', 'cinq'],
    ['SUPERVISION_ALERT_BEYOND_DELAY_SHARE', '1.5'],
    ['SUPERVISION_ALERT_BEYOND_DELAY_SHARE', '-0.1'],
    ['SUPERVISION_ALERT_BEYOND_DELAY_SHARE', '25%'],
    ['SUPERVISION_ALERT_OVERDUE_BACKLOG', '0'],
    ['SUPERVISION_ALERT_OVERDUE_BACKLOG', 'beaucoup'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readSupervisionConfig({ ...base, [name]: value }, feedSources)).toThrow(ConfigError);
    expect(() => readSupervisionConfig({ ...base, [name]: value }, feedSources)).toThrow(name);
  });
});
