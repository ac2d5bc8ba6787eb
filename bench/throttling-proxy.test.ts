import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleChunk, startThrottlingProxy, type ThrottlingProxy } from './throttling-proxy.js';

describe('scheduleChunk', () => {
  const profile = { bitsPerSecond: 400_000, rttMs: 300 };

  it('serializes at the link rate, then adds half the round trip', () => {
    const state = { busyUntilMs: 0 };
    // 5,000 bytes = 40,000 bits = 100 ms at 400 kbit/s, then 150 ms on the way.
    expect(scheduleChunk(state, profile, 1_000, 5_000)).toBe(1_250);
    expect(state.busyUntilMs).toBe(1_100);
  });

  it('queues a chunk behind the previous one, and idles between distant ones', () => {
    const state = { busyUntilMs: 0 };
    const arrivals = [scheduleChunk(state, profile, 0, 5_000), scheduleChunk(state, profile, 10, 5_000), scheduleChunk(state, profile, 10_000, 500)];
    expect(arrivals).toEqual([250, 350, 10_160]);
  });

  it.each([1, 100, 1_460, 64_000])('keeps the rate over a stream of %i-byte chunks', (size) => {
    const state = { busyUntilMs: 0 };
    let last = 0;
    for (let i = 0; i < 100; i += 1) last = scheduleChunk(state, profile, 0, size);
    expect(last).toBeCloseTo((100 * size * 8 * 1_000) / profile.bitsPerSecond + 150, 6);
  });
});

describe('startThrottlingProxy', () => {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.setHeader('x-sha256', createHash('sha256').update(body).digest('hex'));
      res.end(body);
    });
  });
  let proxy: ThrottlingProxy;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    // A fast link: the test proves integrity and ordering, not time.
    proxy = await startThrottlingProxy(new URL(`http://127.0.0.1:${address.port}`), { bitsPerSecond: 400_000_000, rttMs: 2 });
  });
  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('carries bodies both ways intact and in order, on reused connections', async () => {
    for (const size of [0, 1, 70_000, 1_500_000]) {
      const body = randomBytes(size);
      const response = await fetch(`${proxy.origin}/echo`, { method: 'POST', body });
      const echoed = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get('x-sha256')).toBe(createHash('sha256').update(body).digest('hex'));
      expect(echoed.equals(body)).toBe(true);
    }
  });
});
