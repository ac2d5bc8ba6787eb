/** The protection space named in every challenge (RFC 6750 §3): one API, one realm. */
export const BEARER_REALM = 'guichet';

/** RFC 6750 §3.1 error codes a resource server sends. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * A `WWW-Authenticate` value (RFC 6750 §3): `Bearer realm="guichet"` alone when no token came (the client learns how
 * to authenticate), with `error` and `error_description` when one did. Descriptions are for developers: English,
 * plain ASCII, no quote or backslash (the quoted-string grammar).
 */
export function bearerChallenge(error?: { readonly code: BearerErrorCode; readonly description: string }): string {
  if (error === undefined) return `Bearer realm="${BEARER_REALM}"`;
  const description = error.description.replace(/[^\x20-\x7e]|["\\]/g, '');
  return `Bearer realm="${BEARER_REALM}", error="${error.code}", error_description="${description}"`;
}
