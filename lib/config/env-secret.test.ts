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

describe('readConfig never shows a secret in its errors', () => {
  const schema = z.object({ DATABASE_URL: z.string().startsWith('postgres://'), REDIS_URL: z.string().startsWith('redis://'), API_TOKEN: z.string().min(40), PORT: z.coerce.number().int() });
  const cases: Record<string, string>[] = [
    { DATABASE_URL: 'postgres//user:s3cretpw@host/db' },
    { DATABASE_URL: 'postgresql:/admin:s3cretpw@10.0.0.1:5432/guichet' },
    { REDIS_URL: 'http://:s3cretpw@cache:6379' },
    { API_TOKEN: 's3cretpw' },
  ];
  it.each(cases)('%o', (bad) => {
    const env = { DATABASE_URL: 'postgres://u@h/d', REDIS_URL: 'redis://h', API_TOKEN: 'x'.repeat(40), PORT: '4000', ...bad };
    const message = (() => {
      try {
        readConfig('svc', schema, env);
        return 'accepted';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    })();
    expect(message).toContain(Object.keys(bad)[0]);
    expect(message).not.toContain('s3cretpw');
  });

  it('still shows a harmless value', () => {
    expect(() => readConfig('svc', schema, { DATABASE_URL: 'postgres://u@h/d', REDIS_URL: 'redis://h', API_TOKEN: 'x'.repeat(40), PORT: 'abc' })).toThrow(/PORT="abc"/);
  });
});
