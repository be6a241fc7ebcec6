// Redis backends: limits, locks and cache shared by every app and worker instance.
import { Redis } from "ioredis";
import Redlock, { ExecutionError, ResourceLockedError } from "redlock";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { flexibleLimiter } from "./limiter";
import superjson from "superjson";
import type { Backends, Cache, Locker, RateLimiter } from "./types";
import type { RedisConfig } from "./env";

export function createRedisClient(config: RedisConfig): Redis {
  // Fail fast while disconnected: a command waits at most the command timeout (queued or sent), with
  // one retry; the limiter and the cache do not even try while the client is not ready. Every caller has
  // a fallback, and a request must not wait seconds for reconnect attempts first.
  const common = {
    password: config.REDIS_PASSWORD,
    maxRetriesPerRequest: 1,
    commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(50 * times, 1_000),
    enableAutoPipelining: true,
    lazyConnect: false,
  };
  if (config.REDIS_SENTINELS) {
    const sentinels = config.REDIS_SENTINELS.split(",").map((s) => {
      const [host = "127.0.0.1", port = "26379"] = s.trim().split(":");
      return { host, port: Number(port) };
    });
    return new Redis({ ...common, sentinels, name: config.REDIS_SENTINEL_NAME });
  }
  if (!config.REDIS_URL) throw new Error("createRedisClient needs REDIS_URL or REDIS_SENTINELS");
  return new Redis(config.REDIS_URL, common);
}

export function redisLimiter(redis: Redis, prefix: string): RateLimiter {
  // While Redis is unreachable each instance counts in memory (rate-limiter-flexible's insurance
  // limiter): limits stay in force per instance instead of failing every request.
  return flexibleLimiter(
    (bucket, rule) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}rl:${bucket}`,
        points: rule.points,
        duration: rule.windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `insurance:${bucket}`, points: rule.points, duration: rule.windowSeconds }),
      }),
  );
}

/** True when every vote against the lock said the resource is held (not that Redis failed). */
async function onlyLockedVotes(error: ExecutionError): Promise<boolean> {
  const attempts = await Promise.all(error.attempts);
  const reasons = attempts.flatMap((a) => [...a.votesAgainst.values()]);
  return reasons.length > 0 && reasons.every((e) => e instanceof ResourceLockedError);
}

export function redisLocker(redis: Redis, prefix: string): Locker {
  // One Redis: a quorum of one. With Sentinel, failover may lose a lock; callers keep their work idempotent.
  const redlock = new Redlock([redis], { retryCount: 0, automaticExtensionThreshold: 500 });
  redlock.on("error", () => {}); // lost extensions surface through the abort signal
  return {
    async tryWithLock(name, ttlMs, fn) {
      let started = false;
      try {
        const value = await redlock.using([`${prefix}lock:${name}`], ttlMs, async (signal) => {
          started = true;
          return fn({ signal: signal as unknown as AbortSignal });
        });
        return { acquired: true, value };
      } catch (error) {
        // Only "someone else holds it" means not acquired; an unreachable Redis is an error, not contention.
        if (!started && error instanceof ExecutionError && (await onlyLockedVotes(error))) return { acquired: false };
        throw error;
      }
    },
  };
}

interface Envelope<T> {
  v: T;
  /** Fresh until (epoch ms); after it, one caller refreshes while the rest serve this value. */
  f: number;
}

export function redisCache(redis: Redis, prefix: string): Cache {
  const inflight = new Map<string, Promise<unknown>>();
  const k = (key: string) => `${prefix}cache:${key}`;

  // Writes the loaded value only if no invalidate() happened since the load began (the generation is
  // unchanged): a slow load that started before a listing changed must not put the old view back.
  const setIfGeneration = `if (redis.call('GET', KEYS[2]) or '0') == ARGV[1] then
    redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;

  async function refresh<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    const generation = (await redis.get(`${k(key)}:gen`)) ?? "0";
    const value = await load();
    const envelope: Envelope<T> = { v: value, f: Date.now() + ttlSeconds * 1000 };
    // Kept twice as long as it is fresh, so expiry serves stale data while one caller refreshes.
    await redis.eval(setIfGeneration, 2, k(key), `${k(key)}:gen`, generation, superjson.stringify(envelope), ttlSeconds * 2000);
    return value;
  }

  async function withRefreshLock<T>(key: string, fn: () => Promise<T>): Promise<T | undefined> {
    const lockKey = `${k(key)}:refresh`;
    const got = await redis.set(lockKey, "1", "PX", 10_000, "NX");
    if (got !== "OK") return undefined;
    try {
      return await fn();
    } finally {
      await redis.del(lockKey);
    }
  }

  async function read<T>(key: string): Promise<Envelope<T> | null> {
    const raw = await redis.get(k(key));
    return raw ? superjson.parse<Envelope<T>>(raw) : null;
  }

  async function getOrLoadUncoalesced<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    const hit = await read<T>(key);
    if (hit && hit.f > Date.now()) return hit.v;
    if (hit) {
      // Stale: whoever takes the refresh lock reloads in the background; all callers get the stale value now.
      void withRefreshLock(key, () => refresh(key, ttlSeconds, load)).catch(() => {});
      return hit.v;
    }
    // Cold: one loader across instances; the others poll briefly for its result.
    const loaded = await withRefreshLock(key, () => refresh(key, ttlSeconds, load));
    if (loaded !== undefined) return loaded;
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const later = await read<T>(key);
      if (later) return later.v;
    }
    return load(); // the loader is slow or died: do not make this caller wait longer
  }

  // Invalidations Redis could not take: applied as soon as it is back, so a value cached before the
  // outage cannot outlive the change that made it stale.
  const pending = new Set<string>();
  async function applyInvalidation(keys: string[]): Promise<void> {
    const tx = redis.multi();
    // New generation: loads already running cannot write; a new loader may start at once.
    for (const key of keys) tx.incr(`${k(key)}:gen`).del(k(key), `${k(key)}:refresh`);
    await tx.exec();
  }
  // Retried every half second until Redis takes them (a reconnect, or a server that stopped answering
  // without dropping the connection), and at once on reconnect.
  let retry: NodeJS.Timeout | undefined;
  const flushPending = () => {
    retry = undefined;
    if (pending.size === 0) return;
    const keys = [...pending];
    applyInvalidation(keys).then(
      () => keys.forEach((key) => pending.delete(key)),
      () => scheduleFlush(),
    );
  };
  const scheduleFlush = () => {
    retry ??= setTimeout(flushPending, 500).unref();
  };
  redis.on("ready", flushPending);

  return {
    getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
      let p = inflight.get(key) as Promise<T> | undefined;
      if (p) return p; // one load per key in this process, with or without Redis
      const loadFailures = new WeakSet<object>();
      const tracked = () =>
        load().catch((error: unknown) => {
          if (error && typeof error === "object") loadFailures.add(error);
          throw error;
        });
      // Redis unreachable, or a key whose invalidation is still owed: straight to the source.
      const viaRedis = redis.status === "ready" && !pending.has(key);
      const mine: Promise<T> = (viaRedis ? getOrLoadUncoalesced(key, ttlSeconds, tracked) : tracked())
        .catch((error: unknown) => {
          // The loader's own failure is the caller's; a Redis failure only costs the cache.
          if (error && typeof error === "object" && loadFailures.has(error)) throw error;
          return load();
        })
        .finally(() => {
          if (inflight.get(key) === mine) inflight.delete(key);
        });
      p = mine;
      inflight.set(key, p);
      return p;
    },
    async generation(key) {
      if (redis.status !== "ready" || pending.has(key)) return null;
      try {
        return (await redis.get(`${k(key)}:gen`)) ?? "0";
      } catch {
        return null;
      }
    },
    async invalidate(...keys) {
      if (!keys.length) return;
      for (const key of keys) inflight.delete(key);
      try {
        await applyInvalidation(keys);
      } catch {
        for (const key of keys) pending.add(key);
        scheduleFlush();
      }
    },
  };
}

function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`Redis is not connected (${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", onReady);
  });
}

export function redisBackends(config: RedisConfig): Backends {
  const redis = createRedisClient(config);
  redis.on("error", () => {}); // reconnects on its own; readiness reports the outage
  const prefix = config.REDIS_KEY_PREFIX;
  return {
    kind: "redis",
    limiter: redisLimiter(redis, prefix),
    locker: redisLocker(redis, prefix),
    cache: redisCache(redis, prefix),
    async ping() {
      // Just started or reconnecting: give the connection a moment before calling it down.
      if (redis.status !== "ready") await whenReady(redis, Math.max(config.REDIS_COMMAND_TIMEOUT_MS, 1_000));
      await redis.ping();
    },
    connections: () => (redis.status === "ready" ? 1 : 0),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** An error that means Redis could not be reached or did not answer in time (not a bug in a command). */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "MaxRetriesPerRequestError") return true;
  return /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Reached the max retries/.test(error.message);
}
