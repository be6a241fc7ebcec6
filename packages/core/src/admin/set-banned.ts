// admin.setBanned: bans or unbans a user (a banned user's every call is refused); audited.
import { badRequest, notFound } from "../common/errors";
import { command } from "../common/use-case";
import { adminRepository } from "./admin-repository";
import { auditRepository } from "./audit-repository";
import { setBannedInput, setBannedOutput } from "./schemas";

export const setUserBanned = command({
  input: setBannedInput,
  output: setBannedOutput,
  async run({ uow, actor }, input) {
    if (input.userId === actor.userId && input.banned) throw badRequest("You cannot ban yourself.", "SELF_BAN");
    const updated = await adminRepository.setBanned(uow.tx, input.userId, input.banned);
    if (!updated) throw notFound("The user");
    await auditRepository.record(uow.tx, {
      actorId: actor.userId, action: input.banned ? "user.ban" : "user.unban", targetType: "user", targetId: input.userId.toString(),
      data: { reason: input.reason }, requestId: actor.requestId,
    });
    uow.commit();
    return updated;
  },
});
