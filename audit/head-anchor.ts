import { createHmac } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { keyRankOf, type AuditKey, type AuditKeyring } from './audit-keyring.js';
import { sameHex, type ChainTip } from './chain.js';

/**
 * The anchor: the last sealed record's `{seq, hash}`, authenticated with the audit key. The chain alone cannot show
 * that records were cut from its end (what remains is still a valid chain); the anchor can, because only the writer
 * can move it. It cannot show that an older, authentic anchor was put back with an older log: the witness can.
 */
export interface HeadAnchor extends ChainTip {
  /** The HMAC key that sealed it; absent on anchors written before key ids (the oldest key). */
  readonly keyId?: string;
  readonly mac: string;
}

const anchorShape = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  keyId: z.string().min(1).optional(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

function anchorMac(key: Uint8Array, tip: ChainTip, keyId: string | undefined): string {
  // The key id is under the MAC too: an anchor cannot be relabelled to another key.
  const text = keyId === undefined ? `head:${tip.seq}:${tip.hash}` : `head:${keyId}:${tip.seq}:${tip.hash}`;
  return createHmac('sha256', key).update(text).digest('hex');
}

export function sealAnchor(key: AuditKey, tip: ChainTip): HeadAnchor {
  return { seq: tip.seq, hash: tip.hash, keyId: key.id, mac: anchorMac(key.key, tip, key.id) };
}

/** True when a key of the ring (the one the anchor names) made its MAC. */
export function anchorIsAuthentic(ring: AuditKeyring, anchor: HeadAnchor): boolean {
  const rank = keyRankOf(ring, anchor.keyId);
  const key = rank === undefined ? undefined : ring.keys[rank];
  return key !== undefined && sameHex(anchor.mac, anchorMac(key.key, anchor, anchor.keyId));
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
