import { describe, expect, it } from 'vitest';
import { describePrincipalStreamsContract } from '../test-support/principal-streams-contract.js';
import { createMemoryPrincipalStreams } from './memory-principal-streams.js';

describePrincipalStreamsContract('memory', () => createMemoryPrincipalStreams());

describe('memory counter', () => {
  it('forgets a principal once their last stream is released', async () => {
    const streams = createMemoryPrincipalStreams();
    const claims = [await streams.claim('p', 2), await streams.claim('p', 2)];
    expect(streams.held('p')).toBe(2);
    for (const claim of claims) claim?.release();
    expect(streams.held('p')).toBe(0);
  });
});
