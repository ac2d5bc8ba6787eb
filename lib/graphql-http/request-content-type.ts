import { parse } from 'content-type';

/** What a POST body's `Content-Type` allows: a JSON body to parse, or a refusal. */
export type RequestBodyType = 'json' | 'missing' | 'unsupported';

/**
 * GraphQL over HTTP, "POST": a server MUST accept `application/json` encoded in UTF-8 and MUST assume UTF-8 when no
 * charset is given. Any other media type or charset is unsupported here (no `application/graphql`, no uploads).
 */
export function requestBodyTypeOf(contentType: string | undefined): RequestBodyType {
  if (contentType === undefined || contentType.trim() === '') return 'missing';
  try {
    const { type, parameters } = parse(contentType);
    if (type !== 'application/json') return 'unsupported';
    const charset = parameters.charset?.toLowerCase();
    return charset === undefined || charset === 'utf-8' || charset === 'utf8' ? 'json' : 'unsupported';
  } catch {
    return 'unsupported';
  }
}

/** Request content types a browser sends cross-site without a CORS preflight (Apollo's csrfPrevention list). */
const simpleTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Whether Apollo's CSRF prevention will refuse this request: a "simple" request (no content type, or a simple one)
 * without any of the preflight-forcing headers. Those go on to Apollo, which refuses them as CSRF (400) — the answer
 * a browser-based attack gets today — before any 415 of ours could tell an attacker more.
 */
export function isCsrfSimpleRequest(contentType: string | undefined, headers: Readonly<Record<string, string | string[] | undefined>>, preflightHeaders: readonly string[]): boolean {
  if (contentType !== undefined && contentType.trim() !== '') {
    let type: string;
    try {
      type = parse(contentType).type;
    } catch {
      // Apollo lets an unparsable content type through its CSRF check (a browser cannot send one cross-site).
      return false;
    }
    if (!simpleTypes.has(type)) return false;
  }
  return !preflightHeaders.some((name) => {
    const value = headers[name];
    return value !== undefined && value.length > 0;
  });
}
