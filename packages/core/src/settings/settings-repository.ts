// The platform's settings: one row, read in the caller's transaction so a fee change applies at once.
import type { Db, Settings, Tx } from "@gm/db";

export type SettingsPatch = Partial<
  Pick<Settings, "feeBps" | "minDeposit" | "minWithdrawal" | "withdrawalFee" | "maxWithdrawal" | "dailyWithdrawalLimit" | "offerLifetimeSeconds" | "antiSnipingSeconds" | "presaleDeliveryDays">
>;

export const settingsRepository = {
  async get(db: Db): Promise<Settings> {
    const row = await db.settings.findUnique({ where: { id: 1 } });
    if (!row) throw new Error("the settings row is missing: run the migrations");
    return row;
  },

  /** Applies the patch and returns the row before and after it, in the caller's transaction. */
  async update(tx: Tx, patch: SettingsPatch, updatedBy: bigint): Promise<{ before: Settings; after: Settings }> {
    const before = await tx.settings.findUniqueOrThrow({ where: { id: 1 } });
    const after = await tx.settings.update({ where: { id: 1 }, data: { ...patch, updatedBy } });
    return { before, after };
  },
};
