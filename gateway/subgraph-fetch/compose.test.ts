import { describe, expect, it } from 'vitest';
import { compose } from './compose.js';
import type { Step, SubgraphCall } from './subgraph-call.js';

describe('compose', () => {
  it('runs the steps in order on the way out, and in reverse on the way back', async () => {
    const seen: string[] = [];
    const step =
      (name: string): Step<string> =>
      async (_call, next) => {
        seen.push(`${name} out`);
        const answer = await next();
        seen.push(`${name} back`);
        return `${name}(${answer})`;
      };
    const pipeline = compose([step('a'), step('b')], async () => {
      seen.push('last');
      return 'x';
    });
    expect(await pipeline({} as SubgraphCall)).toBe('a(b(x))');
    expect(seen).toEqual(['a out', 'b out', 'last', 'b back', 'a back']);
  });

  it('lets a step answer without going further', async () => {
    const pipeline = compose<string>([async () => 'cached'], () => Promise.reject(new Error('not reached')));
    expect(await pipeline({} as SubgraphCall)).toBe('cached');
  });
});
