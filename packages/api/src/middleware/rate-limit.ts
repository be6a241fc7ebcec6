// Rate limits in Redis (in-process without it), shared by every app instance.
import { AppError } from "@gm/core";
import type { RateLimitRule } from "@gm/redis";
import type { Runtime } from "../runtime";

export async function enforceLimit(rt: Runtime, bucket: string, key: string, rule: RateLimitRule): Promise<void> {
  const res = await rt.backends.limiter.consume(bucket, key, rule);
  if (!res.allowed) throw rateLimited(res.retryAfterMs);
}

export function rateLimited(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("TOO_MANY_REQUESTS", `Too many requests. Please wait ${seconds} s and try again.`, "RATE_LIMITED", seconds).with({ seconds });
}
