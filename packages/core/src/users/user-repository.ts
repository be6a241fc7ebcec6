// Users: the Telegram profile, role, ban flag, deposit memo and balances.
import { randomBytes } from "node:crypto";
import type { Db, User } from "@gm/db";
import { isUniqueViolation } from "@gm/db";

type Client = Db;

export interface TelegramProfile {
  id: bigint;
  firstName: string;
  lastName?: string | null;
  username?: string | null;
  languageCode?: string | null;
  photoUrl?: string | null;
  isPremium?: boolean;
}

/** A deposit memo: short, unambiguous (Crockford base32), unique per user. */
export function newDepositMemo(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const bytes = randomBytes(10);
  return `gm-${Array.from(bytes, (b) => alphabet[b % 32]).join("")}`;
}

export const userRepository = {
  findById(db: Client, id: bigint): Promise<User | null> {
    return db.user.findUnique({ where: { id } });
  },

  balanceOf(db: Client, id: bigint): Promise<{ available: bigint; locked: bigint } | null> {
    return db.user.findUnique({ where: { id }, select: { available: true, locked: true } });
  },

  exists(db: Client, id: bigint): Promise<boolean> {
    return db.user.findUnique({ where: { id }, select: { id: true } }).then((u) => u !== null);
  },

  /**
   * Creates the user on first sight and refreshes the profile when Telegram's copy changed; a request
   * from an unchanged user costs one indexed read.
   */
  async upsertFromTelegram(db: Client, p: TelegramProfile): Promise<User> {
    const profile = {
      firstName: p.firstName,
      lastName: p.lastName ?? null,
      username: p.username ?? null,
      languageCode: p.languageCode ?? null,
      photoUrl: p.photoUrl ?? null,
      isPremium: p.isPremium ?? false,
    };
    const existing = await db.user.findUnique({ where: { id: p.id } });
    if (existing) {
      const changed = (Object.keys(profile) as (keyof typeof profile)[]).some((k) => existing[k] !== profile[k]);
      return changed ? db.user.update({ where: { id: p.id }, data: profile }) : existing;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.user.create({ data: { id: p.id, ...profile, depositMemo: newDepositMemo() } });
      } catch (error) {
        // A concurrent first request created the same user: read theirs. A memo collision: draw again.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
        const raced = await db.user.findUnique({ where: { id: p.id } });
        if (raced) return raced;
      }
    }
  },
};
