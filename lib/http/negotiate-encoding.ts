import Negotiator from 'negotiator';

/** Content codings the server can apply, in its order of preference when the client ranks several equally. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

const offered: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

/** @types/negotiator lags negotiator 1.x: `encoding()` takes the server's preferred order for ties. */
interface EncodingNegotiator {
  encoding(available: readonly string[], options: { readonly preferred: readonly string[] }): string | undefined;
}

/**
 * The coding to answer with, from `Accept-Encoding` (RFC 9110 §12.5.3): q-values honoured, `*` matching any coding,
 * `identity` acceptable unless excluded (`identity;q=0`, or `*;q=0` without it). Ties go to brotli, then gzip (browsers
 * list `gzip, deflate, br`: header order must not pick gzip). `undefined` when the client excluded every coding we
 * have — the caller then sends identity anyway, as RFC 9110 allows, rather than a 406 for a header mistake.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  if (acceptEncoding === undefined) return 'identity';
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as EncodingNegotiator;
  const chosen = negotiator.encoding(offered, { preferred: offered });
  return offered.find((coding) => coding === chosen);
}
