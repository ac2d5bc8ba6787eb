import type { LegacySystem } from '../legacy-system.js';
import { createEventHub, type EventHub } from './event-hub.js';

/** One legacy call as the call policy saw it, retries and waiting for a slot included. */
export interface LegacyCallEvent {
  readonly system: LegacySystem;
  /** Legacy operation name (`ConsulterPersonnes`, `GET /v1/demandes`…). */
  readonly operation: string;
  readonly durationMs: number;
  /** `ok`: the system answered, a NOT_FOUND or BAD_USER_INPUT included; `error`: it did not (see `code`). */
  readonly outcome: 'ok' | 'error';
  /** The AdapterError code of a call that did not end with a value (NOT_FOUND included). */
  readonly code?: string;
  /** Epoch ms at the end of the call. */
  readonly at: number;
}

export type LegacyCallListener = (event: LegacyCallEvent) => void;

/**
 * The one place every legacy call is reported (by `createCallPolicy`): metrics, the health figures of the
 * supervision room and each request's report to the gateway subscribe here.
 */
export type LegacyCallEvents = EventHub<LegacyCallEvent>;

export function createLegacyCallEvents(): LegacyCallEvents {
  return createEventHub<LegacyCallEvent>('legacy call', 'LegacyCallEventsWarning');
}

/** The process-wide registry every call policy reports to unless given another. */
export const legacyCallEvents: LegacyCallEvents = createLegacyCallEvents();
