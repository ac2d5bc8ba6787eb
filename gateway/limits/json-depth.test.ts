import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-depth.js';

/** `levels` nested containers around 1, objects, arrays or alternating, parsed from text (as a request body is). */
function nested(shape: 'objects' | 'arrays' | 'mixed', levels: number): unknown {
  let open = '';
  let close = '';
  for (let level = 1; level <= levels; level += 1) {
    const array = shape === 'arrays' || (shape === 'mixed' && level % 2 === 0);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return JSON.parse(`${open}1${close}`);
}

describe('exceedsJsonDepth', () => {
  it('counts containers, the value itself included; scalars are 0', () => {
    for (const scalar of [undefined, null, 1, 'x', true]) expect(exceedsJsonDepth(scalar, 0)).toBe(false);
    expect(exceedsJsonDepth({}, 0)).toBe(true);
    expect(exceedsJsonDepth({}, 1)).toBe(false);
    expect(exceedsJsonDepth({ a: [1, 2], b: { c: 'x' } }, 2)).toBe(false);
    expect(exceedsJsonDepth({ a: [1, [2]] }, 2)).toBe(true);
  });

  it.each(['objects', 'arrays', 'mixed'] as const)('finds the limit exactly for nested %s, up to 100,000 levels, without recursion', (shape) => {
    for (const levels of [1, 2, 31, 32, 33, 1_000, 100_000]) {
      const value = nested(shape, levels);
      expect(exceedsJsonDepth(value, 32), `${levels}`).toBe(levels > 32);
      expect(exceedsJsonDepth(value, levels)).toBe(false);
      expect(exceedsJsonDepth(value, levels - 1)).toBe(true);
    }
  });

  it('looks at every branch, not only the first', () => {
    const wide = { a: 1, b: [1, 2, 3], c: { d: { e: { f: {} } } } };
    expect(exceedsJsonDepth(wide, 4)).toBe(true);
    expect(exceedsJsonDepth(wide, 5)).toBe(false);
    expect(exceedsJsonDepth([[], [[]], [[[[]]]]], 4)).toBe(true);
  });
});
