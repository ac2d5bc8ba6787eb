// Redis for the scaled deployment (`REDIS_URL`): shared rate limits, shared reads and responses, pub/sub between replicas.
export { createRedis, redisReady, type Redis, type RedisClientOptions } from './create-redis.js';
export { redisAttempt } from './redis-attempt.js';
