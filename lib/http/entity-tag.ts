import { createHash } from 'node:crypto';

/**
 * A weak entity tag (RFC 9110 §8.8.3) of a body, `W/"<hash>"`. Weak because the bytes on the wire differ with the
 * content coding (br, gzip, none) while the representation is the same: a strong tag would have to change with each.
 * `scope` goes into the hash before the body: for an answer meant for one caller only, pass what identifies the
 * caller, so that another caller's copy — even byte for byte the same — never validates as theirs.
 */
export function entityTagOf(body: string | Buffer, scope = ''): string {
  const hash = createHash('sha256').update(scope).update('\0').update(body).digest('base64url').slice(0, 27);
  return `W/"${hash}"`;
}

/**
 * Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 §13.1.2 requires for it): a list of tags, or
 * `*` for any current representation.
 */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const trimmed = ifNoneMatch.trim();
  if (trimmed === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  // Entity tags cannot contain commas (etagc excludes them), so a split is exact.
  return trimmed.split(',').some((tag) => opaque(tag) === wanted);
}
