const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

const PLAIN: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed while sending',
};

/** A socket, TLS or HTTP-parser error as one short English phrase for the delivery log (`connection refused`). */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return `unexpected failure: ${String(error)}`;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code === undefined) return error.message;
  // Node's own wording for a peer that closed (not necessarily reset) the connection at the two moments that matter.
  if (code === 'ECONNRESET' && error.message === 'socket hang up') return 'connection closed before the response (socket hang up)';
  if (code === 'ECONNRESET' && error.message === 'aborted') return 'connection closed';
  const plain = PLAIN[code];
  if (plain !== undefined) return plain;
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return `TLS error: ${error.message} (${code})`;
  if (code.startsWith('HPE_')) return `invalid HTTP response: ${error.message} (${code})`;
  return `${error.message} (${code})`;
}
