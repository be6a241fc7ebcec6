// Redis in one module: the client, redlock, the limiter and the cache, with in-process
// stand-ins behind the same interfaces when no Redis is configured (embedded development mode).
import { readRedisConfig, type RedisConfig } from "./env";
import { memoryBackends } from "./memory";
import { redisBackends } from "./redis";
import type { Backends } from "./types";

export type { Backends, Cache, Locker, LockHandle, RateLimiter, RateLimitResult, RateLimitRule } from "./types";
export { readRedisConfig, redisEnvShape, type RedisConfig } from "./env";
export { memoryBackends, memoryCache, memoryLimiter, memoryLocker } from "./memory";
export { redisBackends, createRedisClient, isRedisUnavailable } from "./redis";

export function createBackends(config: RedisConfig = readRedisConfig()): Backends {
  return config.REDIS_URL || config.REDIS_SENTINELS ? redisBackends(config) : memoryBackends();
}
