/**
 * Label values taken from requests (operation names) are chosen by clients: the first `max` distinct values are kept,
 * anything after is counted as `other`, so that no client can grow the series without bound. Values are cut to 64
 * characters.
 */
export function boundedLabel(max: number, other = 'other'): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    const label = value.slice(0, 64);
    if (seen.has(label)) return label;
    if (seen.size >= max) return other;
    seen.add(label);
    return label;
  };
}
