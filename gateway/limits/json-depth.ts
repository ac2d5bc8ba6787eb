/**
 * Whether a parsed JSON value nests more than `maxDepth` containers (objects and arrays; the value itself counts: `{}`
 * is 1, `{"a": [1]}` is 2, a scalar 0). Iterative, with an explicit stack: the value comes from a client, and every
 * recursive walker (JSON.stringify, a cache key, a canonical form) overflows the call stack a few thousand levels
 * down. Stops at the first container beyond the limit, so the work is bounded by the limit's breadth, not the value.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return false;
}
