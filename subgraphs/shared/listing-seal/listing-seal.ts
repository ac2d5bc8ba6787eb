import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Principal } from '../../../auth/index.js';

/** Who a sealed listing was read for, and within which request: it opens only for the same. */
export interface SealBinding {
  readonly principal: Principal;
  /** The gateway request's trace id (W3C `traceparent`), when the call carried one. */
  readonly traceId?: string | undefined;
}

/** Why a lookup did not open (a metric's label); `plain` is an unsealed lookup, not a refusal. */
export type SealRefusal = 'plain' | 'tampered' | 'caller' | 'trace' | 'expired';

export type Opened<R> = { readonly record: R } | { readonly refused: SealRefusal };

/**
 * A ministry's records as its own list read them, sealed for the page's entity fetches of the same request (see
 * docs/architecture.md, "Why this design for `Dossier`"). A sealed listing is `<reference>~<AES-256-GCM box>`: only
 * the ministry's replicas (one key, derived from the internal-token secret) can open it, nobody can alter it, and it
 * opens only for the same caller, the same trace and before the request's deadline. It is a key the gateway carries
 * between two fetches of one plan, not a cache: nothing is kept anywhere.
 */
export interface ListingSeal {
  /** `remainingMs`: the time the request has left (its deadline); the seal never outlives it nor `ttlMs`. */
  seal<R extends { readonly reference: string }>(record: R, binding: SealBinding, remainingMs?: number): string;
  /** The record a sealed lookup carries, or why not (a plain reference, or one that does not open for this binding). */
  open<R>(lookup: string, binding: SealBinding): Opened<R>;
}

/** The reference a lookup names, sealed or not (a seal keeps it in clear, authenticated). */
export function referenceOfLookup(lookup: string): string {
  const at = lookup.indexOf(SEPARATOR);
  return at < 0 ? lookup : lookup.slice(0, at);
}

export interface ListingSealOptions {
  /** The internal-token secret the ministry's replicas share; the seal's key is derived from it. */
  readonly secret: string;
  /** The ministry's subgraph name: one ministry's seals never open at another's. */
  readonly subgraph: string;
  /** The longest a seal opens: the longest a request may take here (REQUEST_DEADLINE_MS). */
  readonly ttlMs: number;
  readonly now?: () => number;
}

const SEPARATOR = '~';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Sealed {
  /** The caller. */
  readonly c: string;
  /** The trace, or null when the list was read outside one. */
  readonly t: string | null;
  /** Expiry, epoch ms. */
  readonly e: number;
  readonly r: unknown;
}

// Everything of the principal a visibility rule may read: a seal opens only for exactly the same caller.
const callerOf = (p: Principal) => JSON.stringify([p.role, p.subject, p.clientId, p.niu ?? null, p.ministry ?? null, [...p.scopes].sort()]);

export function createListingSeal({ secret, subgraph, ttlMs, now = Date.now }: ListingSealOptions): ListingSeal {
  const key = Buffer.from(hkdfSync('sha256', secret, 'guichet listing seal', subgraph, 32));
  return {
    seal(record, { principal, traceId }, remainingMs = ttlMs) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The reference in clear is bound to the box: a seal moved onto another reference does not open.
      cipher.setAAD(Buffer.from(record.reference));
      const body: Sealed = { c: callerOf(principal), t: traceId ?? null, e: now() + Math.max(0, Math.min(ttlMs, remainingMs)), r: record };
      const boxed = Buffer.concat([iv, cipher.update(JSON.stringify(body), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${record.reference}${SEPARATOR}${boxed.toString('base64url')}`;
    },
    open<R>(lookup: string, { principal, traceId }: SealBinding): Opened<R> {
      const at = lookup.indexOf(SEPARATOR);
      if (at < 0) return { refused: 'plain' };
      const boxed = Buffer.from(lookup.slice(at + 1), 'base64url');
      if (boxed.length <= IV_BYTES + TAG_BYTES) return { refused: 'tampered' };
      let body: Sealed;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, boxed.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(lookup.slice(0, at)));
        decipher.setAuthTag(boxed.subarray(boxed.length - TAG_BYTES));
        const plain = Buffer.concat([decipher.update(boxed.subarray(IV_BYTES, boxed.length - TAG_BYTES)), decipher.final()]);
        body = JSON.parse(plain.toString('utf8')) as Sealed;
      } catch {
        // Altered, truncated or sealed with another key: the lookup still names its reference, read the usual way.
        return { refused: 'tampered' };
      }
      if (body.c !== callerOf(principal)) return { refused: 'caller' };
      // Sealed within a traced request: opens only within that same request.
      if (body.t !== null && body.t !== traceId) return { refused: 'trace' };
      if (body.e < now()) return { refused: 'expired' };
      return { record: body.r as R };
    },
  };
}
