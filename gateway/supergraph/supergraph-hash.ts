import { createHash } from 'node:crypto';

/** Names one supergraph text in logs, `/ready`'s header and `guichet_supergraph_info{hash}`: sha256, 16 hex digits. */
export function supergraphHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex').slice(0, 16);
}
