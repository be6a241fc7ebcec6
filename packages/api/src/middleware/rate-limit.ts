// Rate limits in Redis (in-process without it), shared by every app instance (SPEC §6.4).
import { AppError } from "@gm/core";
import type { RateLimitRule } from "@gm/redis";
import type { Runtime } from "../runtime";

export async function enforceLimit(rt: Runtime, bucket: string, key: string, rule: RateLimitRule): Promise<void> {
  const res = await rt.backends.limiter.consume(bucket, key, rule);
  if (res.allowed) return;
  const seconds = Math.max(1, Math.ceil(res.retryAfterMs / 1000));
  throw new AppError("TOO_MANY_REQUESTS", `Too many requests. Please wait ${seconds} s and try again.`, "RATE_LIMITED", seconds);
}
