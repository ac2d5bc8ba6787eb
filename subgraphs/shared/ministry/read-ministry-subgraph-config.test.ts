import { describe, expect, it } from 'vitest';
import { minesAdapterEnvSchema, minesAdapterOptionsFromEnv } from '../../../adapters/mines/index.js';
import { ConfigError } from '../../../lib/config/index.js';
import { readMinistrySubgraphConfig } from './read-ministry-subgraph-config.js';

// The registry row `energy-mines` (default port 4106) with SIGEM's adapter.
const mines = { name: 'energy-mines', adapter: { envSchema: minesAdapterEnvSchema, optionsFromEnv: minesAdapterOptionsFromEnv } };

describe('readMinistrySubgraphConfig', () => {
  it('reads the server, the adapter and the outbox from one environment', () => {
    const config = readMinistrySubgraphConfig(mines, { PORT: '5106', MINES_URL: 'http://mines.test:1', MINES_TIMEOUT_MS: '1500', OUTBOX_PATH: ':memory:' });
    expect(config.server).toMatchObject({ PORT: 5106 });
    expect(config.adapter).toMatchObject({ baseUrl: 'http://mines.test:1', timeoutMs: 1_500 });
    expect(config.outbox.path).toBe(':memory:');
  });

  it('defaults the port from the registry and names the outbox after the subgraph', () => {
    const config = readMinistrySubgraphConfig(mines, {});
    expect(config.server.PORT).toBe(4106);
    expect(config.outbox.path).toMatch(/energy-mines\.sqlite$/);
  });

  it('names every bad value of every part in one error', () => {
    const read = () => readMinistrySubgraphConfig(mines, { PORT: 'x', MINES_TIMEOUT_MS: 'soon', OUTBOX_POLL_INTERVAL_MS: '-1' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/^subgraph-energy-mines: invalid configuration/);
    try {
      read();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split('=')[0])).toEqual(expect.arrayContaining(['PORT', 'MINES_TIMEOUT_MS', 'OUTBOX_POLL_INTERVAL_MS']));
    }
  });

  it('uses PostgreSQL with DATABASE_URL, the embedded stores without', () => {
    expect(readMinistrySubgraphConfig(mines, {}).database).toBeNull();
    expect(readMinistrySubgraphConfig(mines, { DATABASE_URL: 'postgres://guichet:s3cret@db.internal:5432/mines', DATABASE_POOL_MAX: '4' }).database).toEqual({
      url: 'postgres://guichet:s3cret@db.internal:5432/mines',
      poolMax: 4,
    });
  });

  it('refuses OUTBOX_PATH beside DATABASE_URL, and a malformed DATABASE_URL without printing it', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        readMinistrySubgraphConfig(mines, env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problems({ DATABASE_URL: 'postgres://db.internal/mines', OUTBOX_PATH: ':memory:' })).toEqual([expect.stringMatching(/^OUTBOX_PATH: not allowed with DATABASE_URL/)]);
    const malformed = problems({ DATABASE_URL: 'mysql://guichet:s3cret@db.internal/mines' });
    expect(malformed).toEqual([expect.stringMatching(/^DATABASE_URL: expected postgres:\/\//)]);
    expect(malformed.join('\n')).not.toContain('s3cret');
    expect(problems({ DATABASE_POOL_MAX: '0' })).toEqual([expect.stringMatching(/^DATABASE_POOL_MAX/)]);
  });
});
