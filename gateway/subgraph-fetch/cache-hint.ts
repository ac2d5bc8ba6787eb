/** What a `Cache-Control` header allows: how long, and for whom. */
export interface CacheHint {
  readonly maxAgeSeconds: number;
  /** PUBLIC: the same for every caller; PRIVATE: for this caller only. */
  readonly scope: 'PUBLIC' | 'PRIVATE';
}

/**
 * Reads a subgraph's `Cache-Control` (what Apollo Server's cache-control plugin computed from its hints) the way
 * @apollo/gateway does: `max-age` in whole seconds (0 when absent), `private` unless it says `public`. `no-store` and
 * `no-cache` mean 0.
 */
export function cacheHintOf(header: string | undefined): CacheHint {
  if (header === undefined) return { maxAgeSeconds: 0, scope: 'PRIVATE' };
  let maxAgeSeconds = 0;
  let scope: CacheHint['scope'] = 'PRIVATE';
  let forbidden = false;
  for (const directive of header.split(',')) {
    const [name = '', value] = directive.trim().toLowerCase().split('=', 2);
    if (name === 'max-age' && value !== undefined && /^\d+$/.test(value)) maxAgeSeconds = Number(value);
    else if (name === 'public') scope = 'PUBLIC';
    else if (name === 'no-store' || name === 'no-cache') forbidden = true;
  }
  if (header.toLowerCase().includes('private')) scope = 'PRIVATE';
  return { maxAgeSeconds: forbidden ? 0 : maxAgeSeconds, scope };
}
