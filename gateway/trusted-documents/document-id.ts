import { createHash } from 'node:crypto';

/** A trusted document's id: the SHA-256 of its exact body, in lowercase hex (what Apollo clients send as `sha256Hash`). */
export function documentId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}
