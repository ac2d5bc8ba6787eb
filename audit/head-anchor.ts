import { createHmac } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { sameHex, type ChainTip } from './chain.js';

/**
 * The anchor: the last sealed record's `{seq, hash}`, authenticated with the audit key. The chain alone cannot show
 * that records were cut from its end (what remains is still a valid chain); the anchor can, because only the writer
 * can move it.
 */
export interface HeadAnchor extends ChainTip {
  readonly mac: string;
}

const anchorShape = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/), mac: z.string().regex(/^[0-9a-f]{64}$/) });

function anchorMac(key: Uint8Array, tip: ChainTip): string {
  return createHmac('sha256', key).update(`head:${tip.seq}:${tip.hash}`).digest('hex');
}

export function sealAnchor(key: Uint8Array, tip: ChainTip): HeadAnchor {
  return { seq: tip.seq, hash: tip.hash, mac: anchorMac(key, tip) };
}

export function anchorIsAuthentic(key: Uint8Array, anchor: HeadAnchor): boolean {
  return sameHex(anchor.mac, anchorMac(key, anchor));
}

/** `audit.jsonl` → `audit.head` beside it. */
export function headPathOf(logPath: string): string {
  return logPath.endsWith('.jsonl') ? `${logPath.slice(0, -'.jsonl'.length)}.head` : `${logPath}.head`;
}

export type AnchorRead = { readonly kind: 'missing' } | { readonly kind: 'unreadable' } | { readonly kind: 'found'; readonly anchor: HeadAnchor };

export async function readAnchor(path: string): Promise<AnchorRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { kind: 'missing' };
    throw error;
  }
  try {
    const parsed = anchorShape.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'found', anchor: parsed.data } : { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** Replaces the anchor atomically (temp file, fsync, rename): a crash leaves the old anchor or the new, never half. */
export async function writeAnchor(path: string, anchor: HeadAnchor, sync: boolean): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(anchor)}\n`);
    if (sync) await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
