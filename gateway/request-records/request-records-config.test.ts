import { describe, expect, it } from 'vitest';
import { requestRecordsConfigFromEnv, requestRecordsEnvSchema } from './request-records-config.js';

describe('request records config', () => {
  it('keeps 24 hours beside the audit folder by default', () => {
    expect(requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({}), '/srv/guichet/.data/audit/audit.jsonl')).toEqual({
      path: '/srv/guichet/.data/operations/operations.sqlite',
      retentionMs: 24 * 3_600_000,
    });
  });

  it('takes OPERATIONS_PATH and OPERATIONS_RETENTION_HOURS, 0 meaning no records', () => {
    expect(requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({ OPERATIONS_PATH: '/tmp/ops.sqlite', OPERATIONS_RETENTION_HOURS: '2' }), '/x/audit/a.jsonl')).toEqual({
      path: '/tmp/ops.sqlite',
      retentionMs: 7_200_000,
    });
    expect(requestRecordsConfigFromEnv(requestRecordsEnvSchema.parse({ OPERATIONS_RETENTION_HOURS: '0' }), '/x/audit/a.jsonl').path).toBeUndefined();
    expect(requestRecordsEnvSchema.safeParse({ OPERATIONS_RETENTION_HOURS: '-1' }).success).toBe(false);
  });
});
