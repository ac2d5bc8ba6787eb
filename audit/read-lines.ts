import type { FileHandle } from 'node:fs/promises';

const newline = 0x0a;
const chunkBytes = 256 * 1024;

/** One line of a JSON Lines file, without its newline. */
export interface FileLine {
  readonly bytes: Buffer;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  /** False for a last line with no newline yet: a write in progress, or an interrupted one. */
  readonly terminated: boolean;
}

/** Lines of `[0, endOffset)` in file order, one chunk in memory at a time (a line longer than a chunk is kept whole). */
export async function* readLinesForward(handle: FileHandle, endOffset: number): AsyncGenerator<FileLine> {
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0;
  let position = 0;
  while (position < endOffset) {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.allocUnsafe(Math.min(chunkBytes, endOffset - position)), position });
    if (bytesRead === 0) break; // the file shrank under us: stop at what exists
    const chunk = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
    let start = 0;
    for (let end = chunk.indexOf(newline); end !== -1; end = chunk.indexOf(newline, start)) {
      yield { bytes: chunk.subarray(start, end), offset: carryOffset + start, terminated: true };
      start = end + 1;
    }
    carryOffset += start;
    carry = Buffer.from(chunk.subarray(start));
    position += bytesRead;
  }
  if (carry.length > 0) yield { bytes: carry, offset: carryOffset, terminated: false };
}

/**
 * Complete lines of `[0, endOffset)` from the last to the first, one chunk in memory at a time. Bytes after the last
 * newline (a line still being written) are skipped. With `needle`, only lines containing it are yielded, and a
 * chunk without it is skipped whole, without splitting it into lines (a full scan then runs at memory speed).
 */
export async function* readLinesBackward(handle: FileHandle, endOffset: number, needle?: Buffer): AsyncGenerator<FileLine> {
  let position = endOffset;
  let carry: Buffer = Buffer.alloc(0); // bytes after the current chunk, up to the line end seen last
  let sawNewline = false;
  while (position > 0) {
    const size = Math.min(chunkBytes, position);
    position -= size;
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.allocUnsafe(size), position });
    const chunk = carry.length > 0 ? Buffer.concat([buffer.subarray(0, bytesRead), carry]) : buffer.subarray(0, bytesRead);
    if (needle && !chunk.includes(needle)) {
      // No line here holds the needle; keep only the first (perhaps partial) line, which the previous chunk completes.
      const first = chunk.indexOf(newline);
      if (first !== -1) sawNewline = true;
      carry = Buffer.from(first === -1 ? chunk : chunk.subarray(0, first));
      continue;
    }
    let end = chunk.length;
    // lastIndexOf with a negative offset counts from the end: stop explicitly at the chunk's start.
    for (let cut = end > 0 ? chunk.lastIndexOf(newline, end - 1) : -1; cut !== -1; cut = end > 0 ? chunk.lastIndexOf(newline, end - 1) : -1) {
      // The tail after the file's last newline is a partial line: never a record.
      const bytes = chunk.subarray(cut + 1, end);
      if (sawNewline && (!needle || bytes.includes(needle))) yield { bytes, offset: position + cut + 1, terminated: true };
      sawNewline = true;
      end = cut;
    }
    carry = Buffer.from(chunk.subarray(0, end));
  }
  if (sawNewline && carry.length > 0 && (!needle || carry.includes(needle))) yield { bytes: carry, offset: 0, terminated: true };
}

/** Where the last complete line ends (0 when there is none): bytes after it belong to an unfinished write. */
export async function completeLength(handle: FileHandle, endOffset: number): Promise<number> {
  let position = endOffset;
  while (position > 0) {
    const size = Math.min(chunkBytes, position);
    position -= size;
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.allocUnsafe(size), position });
    const cut = buffer.subarray(0, bytesRead).lastIndexOf(newline);
    if (cut !== -1) return position + cut + 1;
  }
  return 0;
}
