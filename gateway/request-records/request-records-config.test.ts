import { describe, expect, it } from 'vitest';
import { requestRecordsConfigFromEnv, requestRecordsEnvSchema } from './request-records-config.js';

describe('request records config', () => {
  it('keeps 24 hours beside the audit folder by default, pruned every 5 minutes', () => {
    expect(requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({}), '/srv/guichet/.data/audit/audit.jsonl')).toEqual({
      path: '/srv/guichet/.data/operations/operations.sqlite',
      retentionMs: 24 * 3_600_000,
      pruneEveryMs: 300_000,
    });
  });

  it('takes OPERATIONS_PATH, OPERATIONS_RETENTION_HOURS and OPERATIONS_PRUNE_EVERY_S, 0 hours meaning no records', () => {
    expect(
      requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({ OPERATIONS_PATH: '/tmp/ops.sqlite', OPERATIONS_RETENTION_HOURS: '2', OPERATIONS_PRUNE_EVERY_S: '60' }), '/x/audit/a.jsonl'),
    ).toEqual({ path: '/tmp/ops.sqlite', retentionMs: 7_200_000, pruneEveryMs: 60_000 });
    expect(requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({ OPERATIONS_RETENTION_HOURS: '0' }), '/x/audit/a.jsonl').path).toBeUndefined();
    expect(requestRecordsEnvSchema.safeParse({ OPERATIONS_RETENTION_HOURS: '-1' }).success).toBe(false);
    expect(requestRecordsEnvSchema.safeParse({ OPERATIONS_PRUNE_EVERY_S: '0' }).success).toBe(false);
  });

  it('goes to PostgreSQL when DATABASE_URL is set, and refuses a URL that is not one', () => {
    expect(requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({ DATABASE_URL: 'postgres://guichet@db:5432/guichet' }), '/x/audit/a.jsonl')).toMatchObject({
      databaseUrl: 'postgres://guichet@db:5432/guichet',
      retentionMs: 24 * 3_600_000,
    });
    expect(requestRecordsEnvSchema.safeParse({ DATABASE_URL: 'http://db:5432' }).success).toBe(false);
  });
});
