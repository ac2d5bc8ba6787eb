import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { envSecret } from './env-secret.js';
import { ConfigError, readConfig, shownValue } from './read-config.js';

function messageOf(schema: z.ZodType, env: NodeJS.ProcessEnv): string {
  try {
    readConfig('probe', schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the values a configuration error shows', () => {
  // A generated matrix: every name shape the services use, secret or not.
  it.each([
    { name: 'INTERNAL_TOKEN_SECRET', hidden: true },
    { name: 'METRICS_TOKEN', hidden: true },
    { name: 'WITNESS_TOKEN', hidden: true },
    { name: 'CEET_API_KEY', hidden: true },
    { name: 'AUDIT_HMAC_KEY', hidden: true },
    { name: 'AUDIT_HMAC_PREVIOUS_KEYS', hidden: true },
    { name: 'PGPASSWORD', hidden: true },
    { name: 'IDP_TOKEN_TTL_SECONDS', hidden: false },
    { name: 'OIDC_ACCEPTED_TOKEN_TYPES', hidden: false },
    { name: 'RATE_LIMIT_MAX_KEYS', hidden: false },
    { name: 'AUDIT_HMAC_KEY_ID', hidden: false },
    { name: 'PORT', hidden: false },
  ])('$name hidden: $hidden', ({ name, hidden }) => {
    expect(shownValue(name, 'v4lue') === '(hidden)').toBe(hidden);
  });

  it('masks the password of a URL, even malformed', () => {
    expect(shownValue('DATABASE_URL', 'postgres://guichet:s3cret@db:5432/x')).toBe('"postgres://guichet:***@db:5432/x"');
    expect(shownValue('REDIS_URL', 'redis://:s3cret@cache:x')).toBe('"redis://:***@cache:x"');
  });

  it('hides a variable declared with envSecret whatever its name, and shows the others', () => {
    const schema = z.object({ SIGNING: envSecret('dev'), TTL: z.coerce.number().min(60, 'expected at least 60') });
    const message = messageOf(schema, { SIGNING: '', TTL: '5' });
    expect(message).toContain('SIGNING=(hidden): must not be empty');
    expect(message).toContain('TTL="5": expected at least 60');
  });
});
