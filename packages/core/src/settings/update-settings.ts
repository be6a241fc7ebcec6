// admin.updateSettings: changes some settings; the change and its diff are audited in the same transaction.
import { badRequest } from "../common/errors";
import { command } from "../common/use-case";
import { auditRepository } from "../admin/audit-repository";
import { settingsRepository, type SettingsPatch } from "./settings-repository";
import { settingsOutput, settingsPatchInput } from "./schemas";

export const updateSettings = command({
  input: settingsPatchInput,
  output: settingsOutput,
  async run({ uow, actor }, patch) {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as SettingsPatch;
    if (Object.keys(changes).length === 0) throw badRequest("Nothing to change.", "NOTHING_TO_CHANGE");
    // The limits hold together (a CHECK constraint too): say which, rather than fail on the constraint.
    const current = { ...(await settingsRepository.get(uow.tx)), ...changes };
    if (current.maxWithdrawal < current.minWithdrawal) throw badRequest("The maximum withdrawal cannot be below the minimum withdrawal.");
    if (current.dailyWithdrawalLimit < current.maxWithdrawal) throw badRequest("The daily withdrawal limit cannot be below the maximum withdrawal.");
    const { before, after } = await settingsRepository.update(uow.tx, changes, actor.userId);
    const keys = Object.keys(changes) as (keyof SettingsPatch)[];
    const diff = Object.fromEntries(keys.map((k) => [k, { from: String(before[k]), to: String(after[k]) }]));
    await auditRepository.record(uow.tx, { actorId: actor.userId, action: "settings.update", targetType: "settings", targetId: "1", data: diff, requestId: actor.requestId });
    uow.commit();
    return after;
  },
});
