import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { readCeetAdapterOptions } from '../../adapters/ceet/index.js';
import { electricity } from '../../subgraphs/electricity/index.js';
import { readMinistrySubgraphConfig } from '../../subgraphs/shared/index.js';
import { envSecret } from './env-secret.js';
import { ConfigError, readConfig } from './read-config.js';

const schema = z.object({ NODE_ENV: z.string().optional(), API_KEY: envSecret('dev-key') });

function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('envSecret', () => {
  it.each([
    { env: {}, value: 'dev-key', problems: [] },
    { env: { NODE_ENV: 'development' }, value: 'dev-key', problems: [] },
    { env: { NODE_ENV: 'test', API_KEY: 'other' }, value: 'other', problems: [] },
    { env: { NODE_ENV: 'production', API_KEY: 'a-real-secret' }, value: 'a-real-secret', problems: [] },
    { env: { NODE_ENV: 'production' }, problems: ['API_KEY: required when NODE_ENV=production (the development default is not a secret)'] },
    { env: { NODE_ENV: 'production', API_KEY: 'dev-key' }, problems: ['API_KEY: the development value is not allowed when NODE_ENV=production'] },
  ])('$env → $problems', ({ env, value, problems }) => {
    expect(problemsOf(() => readConfig('probe', schema, env))).toEqual(problems);
    if (value !== undefined) expect(readConfig('probe', schema, env).API_KEY).toBe(value);
  });

  it('holds in every schema a secret is spread into (an adapter alone, a ministry subgraph)', () => {
    expect(problemsOf(() => readCeetAdapterOptions({ NODE_ENV: 'production' }))).toContain('CEET_API_KEY: required when NODE_ENV=production (the development default is not a secret)');
    expect(problemsOf(() => readMinistrySubgraphConfig(electricity, { NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'x'.repeat(40), CEET_API_KEY: 'dev-ceet-key' }))).toContain(
      'CEET_API_KEY: the development value is not allowed when NODE_ENV=production',
    );
  });
});
