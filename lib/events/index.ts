// Messages between the replicas of a deployment (cache invalidation, pushed events): in-process, or Redis pub/sub.
export type { EventBus, EventHandler, SubscribeOptions } from './event-bus.js';
export { createMemoryEventBus, type MemoryEventBusOptions } from './create-memory-event-bus.js';
export { createRedisEventBus, type RedisEventBusOptions } from './create-redis-event-bus.js';
