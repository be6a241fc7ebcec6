// The audit log: who did what to what, from which request.
import type { Prisma, Tx } from "@gm/db";

export interface AuditEntry {
  actorId?: bigint;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
  requestId?: string;
}

export const auditRepository = {
  async record(tx: Tx, entry: AuditEntry): Promise<void> {
    await tx.auditLog.create({ data: entry });
  },
};
