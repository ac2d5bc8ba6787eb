import { describe, expect, it } from 'vitest';
import { createBatchedSender } from './batched-sender.js';

describe('batched sender', () => {
  it('sends what one turn pushed as one batch, and the next turn’s as another', async () => {
    const batches: number[][] = [];
    const push = createBatchedSender<number>((batch) => batches.push(batch));
    push(1);
    push(2);
    push(3);
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    push(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
});
