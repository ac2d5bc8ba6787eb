import { describe, expect, it } from 'vitest';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { shareRead } from './share-read.js';
import type { SharedReadKey, SharedReads } from './shared-reads.js';
import type { SubgraphCall } from './subgraph-call.js';

const principal = { subject: 'afi', role: 'citizen', niu: '100000000042', scopes: ['citizen'], clientId: 'portail-web' };
const answer: RawSubgraphResponse = { status: 200, headers: {}, body: Buffer.from('{"data":{}}') };

/** A call as the pipeline gives it, with only what shareRead reads. */
const callOf = (operation: 'query' | 'mutation' | 'subscription'): SubgraphCall =>
  ({ subgraph: 'electricity', body: '{"query":"x"}', timeoutMs: 1_000, context: { principal }, incoming: { operation: { operation } } }) as unknown as SubgraphCall;

function spy() {
  const reads: SharedReadKey[] = [];
  const dropped: string[] = [];
  const sharedReads: SharedReads = {
    read: (key, send) => (reads.push(key), send()),
    dropCaller: async (callerKey) => void dropped.push(callerKey),
    onDropCaller: () => undefined,
    stats: () => ({ hits: 0, joined: 0, sent: 0, cachedEntries: 0, cachedBytes: 0 }),
    close: () => undefined,
  };
  return { reads, dropped, step: shareRead(sharedReads) };
}

describe('the shared-read step', () => {
  it('shares a query’s read, keyed by the caller', async () => {
    const { reads, dropped, step } = spy();
    await step(callOf('query'), async () => answer);
    expect(reads).toEqual([{ subgraph: 'electricity', callerKey: JSON.stringify(principal), body: '{"query":"x"}' }]);
    expect(dropped).toEqual([]);
  });

  it('sends a mutation on, then drops the caller’s private answers — also when it failed', async () => {
    const { reads, dropped, step } = spy();
    expect(await step(callOf('mutation'), async () => answer)).toBe(answer);
    await expect(
      step(callOf('mutation'), async () => {
        throw new Error('timeout');
      }),
    ).rejects.toThrow('timeout');
    expect(reads).toEqual([]);
    expect(dropped).toEqual([JSON.stringify(principal), JSON.stringify(principal)]);
  });
});
