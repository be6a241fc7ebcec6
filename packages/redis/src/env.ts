// Redis configuration, read in this one place. No REDIS_URL and no sentinels: in-process backends.
import { z } from "zod";
import { readEnv } from "@gm/config";

export const redisEnvShape = {
  REDIS_URL: z.string().url({ message: "REDIS_URL must be a redis:// URL" }).optional(),
  /** Comma-separated host:port list of Sentinels; with REDIS_SENTINEL_NAME, used instead of REDIS_URL. */
  REDIS_SENTINELS: z.string().optional(),
  REDIS_SENTINEL_NAME: z.string().default("mymaster"),
  REDIS_PASSWORD: z.string().optional(),
  /** Prefix of every key, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default("gm:"),
  /**
   * How long any one command may take. Short on purpose: while Redis is unreachable, limits fall back to
   * in-process counting and the cache to PostgreSQL, and nothing should wait on Redis first.
   */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(300),
};

export type RedisConfig = ReturnType<typeof readRedisConfig>;

export function readRedisConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv("Redis", redisEnvShape, env);
}
