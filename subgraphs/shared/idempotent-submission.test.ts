import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertIdempotencyKey, externalReferenceFor, submitIdempotently } from './idempotent-submission.js';

describe('externalReferenceFor', () => {
  it('is stable for the same procedure, citizen and key, and differs otherwise', () => {
    const a = externalReferenceFor('CEET-RACCORDEMENT-BT', '123456789012', 'key-0001');
    expect(a).toMatch(/^GCH-[0-9A-F]{20}$/);
    expect(externalReferenceFor('CEET-RACCORDEMENT-BT', '123456789012', 'key-0001')).toBe(a);
    expect(externalReferenceFor('CEET-RACCORDEMENT-BT', '123456789013', 'key-0001')).not.toBe(a);
    expect(externalReferenceFor('URB-PERMIS-CONSTRUIRE', '123456789012', 'key-0001')).not.toBe(a);
  });
});

describe('assertIdempotencyKey', () => {
  it.each(['short', 'has space in it', 'x'.repeat(129)])('refuses %j', (key) => {
    expect(() => assertIdempotencyKey(key)).toThrow(GraphQLError);
  });
  it('accepts a UUID', () => {
    expect(() => assertIdempotencyKey('6f1c8f2e-3b0a-4b7e-9d62-2a8e5f0c1d34')).not.toThrow();
  });
});

describe('submitIdempotently', () => {
  const legacy = () => {
    const records: { ref: string; n: number }[] = [];
    let creates = 0;
    return {
      records,
      creates: () => creates,
      submission: (ref: string, n: number) => ({
        externalReference: ref,
        find: async () => records.find((r) => r.ref === ref) ?? null,
        create: async () => {
          creates += 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
          const record = { ref, n };
          records.push(record);
          return record;
        },
        sameRequest: (existing: { n: number }) => existing.n === n,
      }),
    };
  };

  it('creates once, then finds the first submission on retry', async () => {
    const system = legacy();
    const first = await submitIdempotently(system.submission('GCH-A', 1));
    const again = await submitIdempotently(system.submission('GCH-A', 1));
    expect(again).toBe(first);
    expect(system.creates()).toBe(1);
  });

  it('shares one flight between concurrent duplicates', async () => {
    const system = legacy();
    const results = await Promise.all(Array.from({ length: 10 }, () => submitIdempotently(system.submission('GCH-B', 2))));
    expect(new Set(results).size).toBe(1);
    expect(system.creates()).toBe(1);
  });

  it('refuses a key reused for a different request', async () => {
    const system = legacy();
    await submitIdempotently(system.submission('GCH-C', 3));
    await expect(submitIdempotently(system.submission('GCH-C', 4))).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_CONFLICT' } });
    expect(system.creates()).toBe(1);
  });

  it('lets a failed submission be retried', async () => {
    const system = legacy();
    const failing = { ...system.submission('GCH-D', 5), create: async () => Promise.reject(new Error('legacy down')) };
    await expect(submitIdempotently(failing)).rejects.toThrow('legacy down');
    await expect(submitIdempotently(system.submission('GCH-D', 5))).resolves.toMatchObject({ n: 5 });
  });
});
