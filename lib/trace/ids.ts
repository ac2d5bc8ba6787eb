import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in blocks: a span id per subgraph fetch and per legacy call must cost next to nothing. */
const pool = Buffer.alloc(4_096);
let offset = pool.length;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A W3C span id: 16 hex, never all zeros. */
export function newSpanId(): string {
  const id = randomHex(8);
  return id === '0000000000000000' ? newSpanId() : id;
}

/** A W3C trace id: 32 hex, never all zeros. */
export function newTraceId(): string {
  const id = randomHex(16);
  return /^0+$/.test(id) ? newTraceId() : id;
}
