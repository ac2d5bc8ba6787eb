export { installFaultLayer } from './fault-layer.js';
export type { LegacyControl, LegacyProfile, LegacyReply } from './fault-layer.js';
export { knobsFromEnv, drawFault } from './knobs.js';
export type { FaultSettings, LatencySettings, FaultKind } from './knobs.js';
export { drawLatencyMs } from './latency.js';
export { CallCounter } from './call-counter.js';
export { legacyEnvSchema } from './legacy-env.js';
export type { LegacyEnv } from './legacy-env.js';
