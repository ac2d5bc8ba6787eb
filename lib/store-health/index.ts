// Whether each store reaches its server (PostgreSQL, Redis, files), from its own operations: for /ready and /metrics.
export { createStoreHealth, type StoreHealth, type StoreHealthOptions, type StoreStatus } from './store-health.js';
export { createStoreHealthRegistry, type StoreHealthRegistry } from './store-health-registry.js';
