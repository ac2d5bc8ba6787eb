/**
 * Whether a parsed JSON value nests more than `maxDepth` containers (objects and arrays; the value itself counts: `{}`
 * is 1, `{"a": [1]}` is 2, a scalar 0). Iterative, with an explicit stack: the value comes from a client, and every
 * recursive walker (JSON.stringify, a cache key, a canonical form) overflows the call stack a few thousand levels
 * down. Stops at the first container beyond the limit, so the work is bounded by the limit's breadth, not the value.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Two parallel stacks rather than one of pairs: no allocation per container (a 1 MB body holds 250,000 of them).
  const containers: object[] = [value];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const current = containers.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return true;
    const children = Array.isArray(current) ? (current as unknown[]) : Object.values(current);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        containers.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
