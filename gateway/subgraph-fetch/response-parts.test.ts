import { describe, expect, it } from 'vitest';
import { noteResponsePart, responsePartsOf, trackResponseParts } from './response-parts.js';
import type { SubgraphAnswer, SubgraphCall } from './subgraph-call.js';

describe('noteResponsePart', () => {
  const note = async (context: object, subgraph: string, headers: Record<string, string>) => {
    const answer: SubgraphAnswer = { response: { data: {} }, headers };
    // Only what the step reads: the subgraph's name and the request's context.
    await noteResponsePart({ subgraph, context } as unknown as SubgraphCall, async () => answer);
  };

  it.each<[string, Record<string, string>, object]>([
    ['no hint: not cacheable, nothing on the feeds', {}, { subgraph: 'electricity', maxAgeSeconds: 0, scope: 'PRIVATE' }],
    ['identity: kept for its max-age', { 'cache-control': 'max-age=60, private' }, { subgraph: 'electricity', maxAgeSeconds: 60, scope: 'PRIVATE' }],
    [
      'on the feeds: the system and owners',
      { 'cache-control': 'max-age=120, private', 'guichet-cache-proof': 'feed', 'guichet-cache-owners': '100000000001,100000000002' },
      { subgraph: 'electricity', maxAgeSeconds: 120, scope: 'PRIVATE', feed: { system: 'ceet', owners: ['100000000001', '100000000002'] } },
    ],
    [
      'on the feeds, part of it from kept records: the instant they are proven at',
      { 'cache-control': 'max-age=120, private', 'guichet-cache-proof': 'feed', 'guichet-cache-owners': '100000000001', 'guichet-cache-proven-at': '1765100000000' },
      { subgraph: 'electricity', maxAgeSeconds: 120, scope: 'PRIVATE', feed: { system: 'ceet', owners: ['100000000001'], provenAtMs: 1_765_100_000_000 } },
    ],
    [
      'an instant that is not a whole number of ms is ignored (the request’s own instant stands)',
      { 'cache-control': 'max-age=120, private', 'guichet-cache-proof': 'feed', 'guichet-cache-owners': '100000000001', 'guichet-cache-proven-at': '12e3' },
      { subgraph: 'electricity', maxAgeSeconds: 120, scope: 'PRIVATE', feed: { system: 'ceet', owners: ['100000000001'] } },
    ],
  ])('%s', async (_name, headers, part) => {
    const context = {};
    trackResponseParts(context);
    await note(context, 'electricity', headers);
    expect(responsePartsOf(context)).toEqual([part]);
  });

  it('notes nothing for a request whose parts nobody asked for', async () => {
    const context = {};
    await note(context, 'electricity', { 'cache-control': 'max-age=60, private' });
    expect(responsePartsOf(context)).toBeUndefined();
  });
});
