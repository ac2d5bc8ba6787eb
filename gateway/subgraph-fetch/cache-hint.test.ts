import { describe, expect, it } from 'vitest';
import { cacheHintOf } from './cache-hint.js';

describe('cacheHintOf', () => {
  it('reads max-age and scope as Apollo Server writes them', () => {
    expect(cacheHintOf('max-age=300, public')).toEqual({ maxAgeSeconds: 300, scope: 'PUBLIC' });
    expect(cacheHintOf('max-age=60, private')).toEqual({ maxAgeSeconds: 60, scope: 'PRIVATE' });
    expect(cacheHintOf('max-age=60')).toEqual({ maxAgeSeconds: 60, scope: 'PRIVATE' });
  });

  it('allows nothing without a header, with no-store or no-cache, or with a malformed max-age', () => {
    for (const header of [undefined, 'no-store', 'max-age=60, public, no-cache', 'max-age=abc, public', 'max-age=-5']) expect(cacheHintOf(header).maxAgeSeconds).toBe(0);
  });

  it('takes private over public when both are said', () => {
    expect(cacheHintOf('public, max-age=10, private').scope).toBe('PRIVATE');
  });
});
