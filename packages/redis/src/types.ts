// The interfaces the rest of the system uses; Redis and in-process implementations sit behind them.

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** When refused: how long until the next call may pass. */
  retryAfterMs: number;
}

export interface RateLimitRule {
  /** Calls allowed per window. */
  points: number;
  windowSeconds: number;
}

export interface RateLimiter {
  consume(bucket: string, key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /** Gives back a point consumed by a call that turned out to cost nothing (an idempotent replay). */
  refund(bucket: string, key: string, rule: RateLimitRule): Promise<void>;
}

export interface LockHandle {
  /** Aborted if the lock was lost (it could not be extended). */
  readonly signal: AbortSignal;
}

export interface Locker {
  /**
   * Runs `fn` holding the named lock, extended automatically while it runs.
   * Returns `{ acquired: false }` at once when another holder has it.
   */
  tryWithLock<T>(name: string, ttlMs: number, fn: (lock: LockHandle) => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
}

export interface Cache {
  /**
   * The cached value, or `load()`'s result cached for `ttlSeconds`. Only one caller (across instances)
   * loads a missing or expiring key; the others wait briefly or keep serving the stale value.
   */
  getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
  invalidate(...keys: string[]): Promise<void>;
  /**
   * How many times `key` was invalidated, shared by every instance; null when that cannot be known now
   * (Redis unreachable, or an invalidation of it still owed), and a caller must then not cache by it.
   */
  generation(key: string): Promise<string | null>;
}

export interface Backends {
  kind: "redis" | "memory";
  limiter: RateLimiter;
  locker: Locker;
  cache: Cache;
  /** Readiness: throws when the backend cannot be reached. */
  ping(): Promise<void>;
  /** Connection counts for metrics. */
  connections(): number;
  close(): Promise<void>;
}
