// What every legacy call looked like (system, operation, duration, outcome): one hook in the call policy.
export { createLegacyCallEvents, legacyCallEvents, type LegacyCallEvent, type LegacyCallEvents, type LegacyCallListener } from './legacy-call-events.js';
export { createLegacyHealth, legacyHealth, percentile, type LegacyCallFigures, type LegacyHealth, type LegacyHealthOptions } from './legacy-health.js';
// Strangler migrations: each shadowed read compared between the old and the new path.
export { createShadowEvents, shadowEvents, type ShadowEvent, type ShadowEvents, type ShadowListener, type ShadowResult } from './shadow-events.js';
// One synchronous listener registry behind each of them.
export { createEventHub, type EventHub } from './event-hub.js';
