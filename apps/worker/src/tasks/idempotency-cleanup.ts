// Deletes idempotency records and used TON Connect payloads older than 24 h, one statement each, every
// 10 minutes: both only guard against replays within their lifetime.
import { deleteExpiredIdempotencyRecords, deleteExpiredPayloadUses, IDEMPOTENCY_RETENTION_MS } from "@gm/core";
import type { PrismaClient } from "@gm/db";
import type { Logger } from "@gm/observability/logger";
import type { TaskFn } from "../task-manager";

export const IDEMPOTENCY_CLEANUP = { name: "idempotency-cleanup", intervalMs: 10 * 60_000 } as const;

export function idempotencyCleanupTask(prisma: PrismaClient, logger: Logger): TaskFn {
  return async () => {
    const deleted = await deleteExpiredIdempotencyRecords(prisma, IDEMPOTENCY_RETENTION_MS);
    if (deleted > 0) logger.info({ deleted }, "expired idempotency records deleted");
    const uses = await deleteExpiredPayloadUses(prisma);
    if (uses > 0) logger.info({ deleted: uses }, "expired TON Connect payload uses deleted");
  };
}
