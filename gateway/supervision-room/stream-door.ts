import type { IncomingMessage } from 'node:http';

/** A caller the door let in. */
export interface StreamCaller {
  /** One key per person and OAuth client (`sub`, `client_id`), whatever the token: streams per principal count by it. */
  readonly principalKey: string;
  /** Headers each read of the figures carries, so that it counts against this caller's address (fresh per read). */
  readonly readHeaders: () => Readonly<Record<string, string>>;
}

export type DoorVerdict =
  | { readonly kind: 'admitted'; readonly caller: StreamCaller }
  /** Already counted against the caller's address: a missing or refused credential, or that address over its budget. */
  | { readonly kind: 'refused'; readonly code: 'UNAUTHENTICATED' | 'RATE_LIMITED'; readonly retryAfterMs?: number };

/**
 * How a live stream's caller is verified, at the door, with the caller's own address — before any read loop exists,
 * so that a junk token costs one refusal against that address and nothing else. The gateway implements it with its
 * own context factory (gateway/auth/create-stream-door.ts).
 */
export interface StreamDoor {
  admit(req: IncomingMessage): Promise<DoorVerdict>;
}
