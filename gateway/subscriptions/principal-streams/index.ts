// How many subscriptions a principal holds open: in this process (memory) or across the gateway replicas (Redis).
export type { PrincipalStreams, StreamClaim } from './principal-streams.js';
export { createMemoryPrincipalStreams, type MemoryPrincipalStreams } from './memory-principal-streams.js';
export { createRedisPrincipalStreams, type RedisPrincipalStreamsOptions } from './redis-principal-streams.js';
