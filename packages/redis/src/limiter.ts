// The rate limiter over rate-limiter-flexible, one limiter per bucket and rule, whatever stores it.
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimiter, RateLimitRule } from "./types";

export function flexibleLimiter(make: (bucket: string, rule: RateLimitRule) => RateLimiterAbstract): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (bucket: string, rule: RateLimitRule) => {
    const id = `${bucket}:${rule.points}:${rule.windowSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) limiters.set(id, (limiter = make(bucket, rule)));
    return limiter;
  };
  return {
    async consume(bucket, key, rule) {
      try {
        const res = await limiterFor(bucket, rule).consume(key);
        return { allowed: true, remaining: res.remainingPoints, retryAfterMs: 0 };
      } catch (res) {
        if (res instanceof RateLimiterRes) return { allowed: false, remaining: 0, retryAfterMs: res.msBeforeNext };
        throw res;
      }
    },
    async refund(bucket, key, rule) {
      await limiterFor(bucket, rule).reward(key, 1);
    },
  };
}
