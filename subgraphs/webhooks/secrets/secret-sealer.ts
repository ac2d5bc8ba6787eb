import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Seals the webhooks' signing secrets at rest: a stolen database alone cannot sign for Guichet. */
export interface SecretSealer {
  seal(secret: string): string;
  /** Throws when no key opens it (a key removed too early, a corrupted row). */
  open(sealed: string): string;
}

/** Format: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts; the key id is the key's SHA-256 prefix, not the key. */
const VERSION = 'v1';

interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

function keyOf(text: string): Key {
  const bytes = createHash('sha256').update(text, 'utf8').digest();
  return { id: createHash('sha256').update(bytes).digest('base64url').slice(0, 8), bytes };
}

/** AES-256-GCM with the first key; every key opens (rotation: add the new key first, re-seal, then drop the old). */
export function createSecretSealer(keys: readonly string[]): SecretSealer {
  const [first, ...rest] = keys.map(keyOf);
  if (first === undefined) throw new Error('createSecretSealer: at least one key is required');
  const byId = new Map([first, ...rest].map((key) => [key.id, key]));
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', first.bytes, iv);
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [VERSION, first.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, id, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || id === undefined || iv === undefined || tag === undefined || ciphertext === undefined) throw new Error('sealed webhook secret: unknown format');
      const key = byId.get(id);
      if (!key) throw new Error(`sealed webhook secret: key ${id} is not configured (WEBHOOKS_SECRET_KEY)`);
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
