import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointDigest, createCheckpointVerifier, createWitnessClient, type WitnessClient } from './client/index.js';
import { rotateWitnessKeyFile } from './signing/index.js';
import { startTestWitness, type TestWitness } from './test-support/start-test-witness.js';

const hash = (c: string) => c.repeat(64);
const freshLog = () => `log-${randomBytes(4).toString('hex')}`;

/** The witness over HTTP, as writers and auditors meet it. */
describe('witness service', () => {
  let witness: TestWitness;
  let writer: WitnessClient;
  let reader: WitnessClient;
  beforeAll(async () => {
    witness = await startTestWitness();
    writer = createWitnessClient({ url: witness.url, token: witness.token });
    reader = createWitnessClient({ url: witness.url });
  });
  afterAll(() => witness.close());

  const post = (body: unknown, token: string = witness.token) =>
    fetch(`${witness.url}/checkpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('signs a checkpoint that extends the log, answers it again to a repeat, and serves it as the latest', async () => {
    const log = freshLog();
    const verify = createCheckpointVerifier({ jwksUrl: reader.jwksUrl });
    const first = await post({ log, seq: 3, hash: hash('a') });
    expect(first.status).toBe(201);
    const { checkpoint } = (await first.json()) as { checkpoint: string };
    expect(await verify(checkpoint)).toMatchObject({ log, seq: 3, hash: hash('a'), n: 1, prev: null });
    const repeat = await post({ log, seq: 3, hash: hash('a') });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { checkpoint: string }).checkpoint).toBe(checkpoint);
    expect(await reader.latest(log)).toBe(checkpoint);
    expect(await reader.latest(freshLog())).toBeUndefined();
  });

  it.each([
    ['a rollback', 'rollback', { seq: 4, hash: hash('e') }],
    ['a restart at 0', 'rollback', { seq: 0, hash: '0'.repeat(64) }],
    ['a fork (same seq, another hash)', 'fork', { seq: 9, hash: hash('f') }],
  ] as const)('refuses %s with 409 and a reason, records an alarm, and keeps the log as it was', async (_name, error, next) => {
    const log = freshLog();
    expect((await writer.submit({ log, seq: 9, hash: hash('d') })).kind).toBe('accepted');
    const refused = await post({ log, ...next });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error, reason: expect.stringMatching(/^seq \d+ /), witnessed: { seq: 9, hash: hash('d') } });
    expect(await reader.alarms(log)).toEqual([expect.objectContaining({ kind: error, seq: next.seq, witnessedSeq: 9 })]);
    expect((await createCheckpointVerifier({ jwksUrl: reader.jwksUrl })((await reader.latest(log))!)).seq).toBe(9);
  });

  it('lists the checkpoints of a log in pages, hash-linked, ascending', async () => {
    const log = freshLog();
    for (let seq = 1; seq <= 5; seq += 1) await writer.submit({ log, seq: seq * 2, hash: hash(String(seq)) });
    const page = await reader.list(log, -1, 2);
    expect(page.checkpoints).toHaveLength(2);
    expect(page.next).toBe(4);
    const all = await reader.all(log);
    const verify = createCheckpointVerifier({ jwksUrl: reader.jwksUrl });
    const statements = await Promise.all(all.map(verify));
    expect(statements.map((s) => [s.n, s.seq])).toEqual([
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8],
      [5, 10],
    ]);
    expect(statements[0]!.prev).toBeNull();
    expect((await reader.list(log, 6, 100)).checkpoints).toHaveLength(2);
  });

  it('signs one of concurrent checkpoints per seq, and a chain without gaps', async () => {
    const log = freshLog();
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => writer.submit({ log, seq: 1 + (i % 4), hash: hash('9') })));
    expect(outcomes.every((o) => o.kind === 'accepted' || o.kind === 'refused')).toBe(true);
    const statements = await Promise.all((await reader.all(log)).map(createCheckpointVerifier({ jwksUrl: reader.jwksUrl })));
    expect(statements.map((s) => s.n)).toEqual(statements.map((_, i) => i + 1));
    expect(statements.map((s) => s.seq)).toEqual([...statements.map((s) => s.seq)].sort((a, b) => a - b));
  });

  it.each([
    ['no token', '', 401],
    ['a wrong token', 'x'.repeat(40), 401],
  ])('refuses a writer with %s', async (_name, token, status) => {
    const response = await post({ log: freshLog(), seq: 1, hash: hash('a') }, token);
    expect(response.status).toBe(status);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it.each([
    ['not JSON', '{', 400],
    ['a bad log id', { log: 'Bad Log', seq: 1, hash: hash('a') }, 400],
    ['a negative seq', { log: 'ok', seq: -1, hash: hash('a') }, 400],
    ['a fractional seq', { log: 'ok', seq: 1.5, hash: hash('a') }, 400],
    ['a short hash', { log: 'ok', seq: 1, hash: 'abc' }, 400],
    ['an extra field', { log: 'ok', seq: 1, hash: hash('a'), witnessedAt: 'now' }, 400],
    ['a huge body', { log: 'ok', seq: 1, hash: hash('a'), pad: 'x'.repeat(10_000) }, 413],
  ])('answers %s with a clear 4xx, never a crash', async (_name, body, status) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: expect.any(String) });
  });

  it('refuses a read without a valid log id', async () => {
    for (const path of ['checkpoints/latest', 'checkpoints', 'alarms', 'checkpoints/latest?log=..%2F..', 'checkpoints?log=ok&limit=0']) {
      expect((await fetch(`${witness.url}/${path}`)).status).toBe(400);
    }
  });

  it('publishes its public keys only, and is ready', async () => {
    const jwks = await reader.jwks();
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' })]);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    expect((await fetch(`${witness.url}/ready`)).status).toBe(200);
  });

  it('rotates its key across a restart: new checkpoints under the new kid, old ones still verify with its JWKS', async () => {
    const own = await startTestWitness();
    const log = freshLog();
    const before = createWitnessClient({ url: own.url, token: own.token });
    await before.submit({ log, seq: 1, hash: hash('1') });
    await own.close();
    const { previous, current } = await rotateWitnessKeyFile(join(own.dataDir, 'signing-keys.json'));
    const again = await startTestWitness({ WITNESS_DATA_DIR: own.dataDir });
    try {
      const client = createWitnessClient({ url: again.url, token: again.token });
      await client.submit({ log, seq: 2, hash: hash('2') });
      expect((await client.jwks()).keys.map((key) => key.kid)).toEqual([previous, current]);
      const statements = await Promise.all((await client.all(log)).map(createCheckpointVerifier({ jwksUrl: client.jwksUrl })));
      expect(statements.map((s) => [s.seq, s.kid])).toEqual([
        [1, previous],
        [2, current],
      ]);
      expect(statements[1]!.prev).toBe(checkpointDigest(statements[0]!.jws));
    } finally {
      await again.close();
    }
  });
});
