/** One HMAC key of the trail and the id records carry to name it. */
export interface AuditKey {
  readonly id: string;
  readonly key: Uint8Array;
}

/**
 * The trail's HMAC keys, oldest first; the last one seals new records. Verification accepts every key of the ring,
 * so that a trail written across rotations still verifies as a whole.
 */
export interface AuditKeyring {
  readonly keys: readonly [AuditKey, ...AuditKey[]];
}

/** The id of `AUDIT_HMAC_KEY` unless `AUDIT_HMAC_KEY_ID` says otherwise. */
export const defaultAuditKeyId = '1';

/** What a key id may look like: it is written in every record, so short and plain. */
export const auditKeyIdPattern = /^[A-Za-z0-9._-]{1,32}$/;

/** HMAC keys given as text are used as their UTF-8 bytes. */
export function keyBytes(key: string | Uint8Array): Uint8Array {
  return typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
}

/** A ring of the current key after the previous ones (oldest first). */
export function createAuditKeyring(
  current: { readonly id: string; readonly key: string | Uint8Array },
  previous: readonly { readonly id: string; readonly key: string | Uint8Array }[] = [],
): AuditKeyring {
  const keys = [...previous, current].map(({ id, key }) => ({ id, key: keyBytes(key) }));
  const ids = new Set(keys.map((key) => key.id));
  if (ids.size !== keys.length) throw new Error('audit key ids must be unique');
  return { keys: keys as [AuditKey, ...AuditKey[]] };
}

/** A ring of one key: what a caller that gives only `hmacKey` means. */
export function keyringOf(hmacKey: string | Uint8Array, id = defaultAuditKeyId): AuditKeyring {
  return createAuditKeyring({ id, key: hmacKey });
}

/** The key that seals new records and the anchor. */
export function sealingKey(ring: AuditKeyring): AuditKey {
  return ring.keys[ring.keys.length - 1] ?? ring.keys[0];
}

/**
 * Position of the key a record or anchor names (0 = oldest), or undefined for an id the ring does not hold. Records
 * written before key ids existed name none: they were sealed with the oldest key.
 */
export function keyRankOf(ring: AuditKeyring, keyId: string | undefined): number | undefined {
  if (keyId === undefined) return 0;
  const rank = ring.keys.findIndex((key) => key.id === keyId);
  return rank === -1 ? undefined : rank;
}
