// admin.auditLog: who did what, newest first, optionally one action only.
import { query } from "../common/use-case";
import { adminRepository } from "./admin-repository";
import { auditLogInput, auditLogOutput } from "./schemas";

export const listAuditLog = query({
  input: auditLogInput,
  output: auditLogOutput,
  async run({ db }, input) {
    const rows = await adminRepository.auditLog(db, { ...input, limit: input.limit + 1 });
    const items = rows.slice(0, input.limit);
    return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
  },
});
