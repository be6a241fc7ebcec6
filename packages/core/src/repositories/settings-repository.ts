// The platform's settings: one row, read in the caller's transaction so a fee change applies at once.
import type { PrismaClient, Settings, Tx } from "@gm/db";

export const settingsRepository = {
  async get(db: PrismaClient | Tx): Promise<Settings> {
    const row = await db.settings.findUnique({ where: { id: 1 } });
    if (!row) throw new Error("the settings row is missing: run the migrations");
    return row;
  },
};
