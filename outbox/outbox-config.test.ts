import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../lib/config/index.js';
import { outboxOwnerId } from './outbox-owner-id.js';
import { defaultOutboxPath, outboxConfigFromEnv, outboxEnvSchema } from './outbox-config.js';

const read = (env: NodeJS.ProcessEnv) => outboxConfigFromEnv(readConfig('test', outboxEnvSchema, env), 'electricity');

describe('outbox configuration', () => {
  it('defaults to one SQLite file per subgraph under .data/outbox at the package root', () => {
    expect(read({})).toEqual({ path: defaultOutboxPath('electricity'), pollIntervalMs: 1_000, leaseMs: 30_000 });
    expect(defaultOutboxPath('electricity')).toBe(join(resolve(import.meta.dirname, '..'), '.data', 'outbox', 'electricity.sqlite'));
  });

  it('reads OUTBOX_PATH (relative to the working directory, or :memory:) and the timings', () => {
    expect(read({ OUTBOX_PATH: 'var/q.sqlite', OUTBOX_POLL_INTERVAL_MS: '250', OUTBOX_LEASE_MS: '60000' })).toEqual({ path: resolve('var/q.sqlite'), pollIntervalMs: 250, leaseMs: 60_000 });
    expect(read({ OUTBOX_PATH: ':memory:' }).path).toBe(':memory:');
  });

  it('says what is wrong with a bad value', () => {
    expect(() => read({ OUTBOX_LEASE_MS: '10' })).toThrow(ConfigError);
    expect(() => read({ OUTBOX_POLL_INTERVAL_MS: 'soon' })).toThrow(/OUTBOX_POLL_INTERVAL_MS/);
    expect(() => read({ OUTBOX_PATH: '' })).toThrow(/OUTBOX_PATH/);
  });

  it('refuses a name that is not a plain file name', () => {
    expect(() => defaultOutboxPath('../etc')).toThrow();
  });
});

describe('outboxOwnerId', () => {
  it('differs between two processes even with the same pid (containers restart as pid 1)', () => {
    expect(outboxOwnerId('electricity')).toMatch(/^electricity@.+:\d+:[0-9a-f]{8}$/);
    expect(outboxOwnerId('electricity')).not.toBe(outboxOwnerId('electricity'));
  });
});
