import type { LegacySystem } from '../legacy-system.js';
import { createEventHub, type EventHub } from './event-hub.js';

/**
 * How one shadowed read ended. `match`/`mismatch`: both paths answered (a value or the same kind of refusal) and
 * were compared; `secondary_error`: the shadow path failed or overran its bound (the answer was the primary's
 * anyway); `primary_error`: the primary failed, nothing to compare; `skipped`: too many shadow calls in flight,
 * the shadow path was not called.
 */
export type ShadowResult = 'match' | 'mismatch' | 'secondary_error' | 'primary_error' | 'skipped';

/** One shadowed read, as the shadow runner saw it. Never a value: field paths only (personal data stays out). */
export interface ShadowEvent {
  readonly system: LegacySystem;
  /** The adapter operation (`getCitizens`), not a legacy one: both paths answer the same operation. */
  readonly operation: string;
  /** Which path answered the request (`soap`, `rest`). */
  readonly primary: string;
  readonly secondary: string;
  readonly result: ShadowResult;
  /** Paths of the fields that differ (`lastName`, `{}.history[].status`), on a mismatch. */
  readonly fields: readonly string[];
  readonly primaryDurationMs?: number;
  readonly secondaryDurationMs?: number;
  /** The AdapterError code of the failed side (`BACKEND_TIMEOUT`, `SHADOW_TIMEOUT`…). */
  readonly code?: string;
}

export type ShadowListener = (event: ShadowEvent) => void;

/** Where shadow comparisons are reported: metrics and logs subscribe. */
export type ShadowEvents = EventHub<ShadowEvent>;

export function createShadowEvents(): ShadowEvents {
  return createEventHub<ShadowEvent>('shadow', 'ShadowEventsWarning');
}

/** The process-wide hub every shadow runner reports to unless given another. */
export const shadowEvents: ShadowEvents = createShadowEvents();
