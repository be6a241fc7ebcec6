// In-process backends for the embedded development mode: same interfaces, one process only.
import { RateLimiterMemory } from "rate-limiter-flexible";
import { flexibleLimiter } from "./limiter";
import type { Backends, Cache, Locker, RateLimiter } from "./types";

export function memoryLimiter(): RateLimiter {
  return flexibleLimiter((bucket, rule) => new RateLimiterMemory({ keyPrefix: bucket, points: rule.points, duration: rule.windowSeconds }));
}

export function memoryLocker(): Locker {
  const held = new Set<string>();
  return {
    async tryWithLock(name, _ttlMs, fn) {
      if (held.has(name)) return { acquired: false };
      held.add(name);
      const controller = new AbortController();
      try {
        return { acquired: true, value: await fn({ signal: controller.signal }) };
      } finally {
        held.delete(name);
      }
    },
  };
}

interface Entry {
  value: unknown;
  freshUntil: number;
}

export function memoryCache(now: () => number = Date.now): Cache {
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<unknown>>();
  // Bumped by invalidate(): a load that began before it must not store its (now old) value.
  const generations = new Map<string, number>();
  const loadOnce = <T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> => {
    let p = inflight.get(key) as Promise<T> | undefined;
    if (!p) {
      const generation = generations.get(key) ?? 0;
      const mine: Promise<T> = load()
        .then((value) => {
          if ((generations.get(key) ?? 0) === generation) entries.set(key, { value, freshUntil: now() + ttlSeconds * 1000 });
          return value;
        })
        .finally(() => {
          if (inflight.get(key) === mine) inflight.delete(key);
        });
      p = mine;
      inflight.set(key, p);
    }
    return p;
  };
  return {
    async getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key);
      if (entry && entry.freshUntil > now()) return entry.value as T;
      if (entry) {
        // Stale: one refresh in the background, everyone keeps the stale value meanwhile.
        void loadOnce(key, ttlSeconds, load).catch(() => {});
        return entry.value as T;
      }
      return loadOnce(key, ttlSeconds, load);
    },
    async invalidate(...keys) {
      for (const k of keys) {
        generations.set(k, (generations.get(k) ?? 0) + 1);
        entries.delete(k);
        inflight.delete(k);
      }
    },
    async generation(key) {
      return String(generations.get(key) ?? 0);
    },
  };
}

export function memoryBackends(): Backends {
  return {
    kind: "memory",
    limiter: memoryLimiter(),
    locker: memoryLocker(),
    cache: memoryCache(),
    ping: async () => {},
    connections: () => 0,
    close: async () => {},
  };
}
