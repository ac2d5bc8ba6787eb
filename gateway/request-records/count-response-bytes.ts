import type { ServerResponse } from 'node:http';

type Chunk = string | Uint8Array;

const sizeOf = (chunk: unknown): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0);

/**
 * Counts the body bytes written to `res` (Node computes `Content-Length` for a body passed whole to `end()` without
 * telling `getHeader`): wraps this response's own `write` and `end`, nothing global.
 */
export function countResponseBytes(res: ServerResponse): () => number {
  let bytes = 0;
  const write = res.write.bind(res) as (chunk: Chunk, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    bytes += sizeOf(chunk);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') bytes += sizeOf(args[0]);
    return end(...args);
  }) as ServerResponse['end'];
  return () => bytes;
}
