// Users: the Telegram profile, role, ban flag, deposit memo and balances.
import { randomBytes } from "node:crypto";
import type { Db, SqlReader, User } from "@gm/db";
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

  /** The user row every signed-in call reads: straight on the pool (a third of Prisma's cost per call). */
  async findForAuth(reader: SqlReader, id: bigint): Promise<User | null> {
    const rows = await reader.query<User>(
      `SELECT id, username, first_name AS "firstName", last_name AS "lastName", language_code AS "languageCode",
              photo_url AS "photoUrl", is_premium AS "isPremium", role::text AS role, is_banned AS "isBanned",
              deposit_memo AS "depositMemo", ton_address AS "tonAddress", ton_address_verified_at AS "tonAddressVerifiedAt",
              available, locked, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  },

  /**
   * Creates the user on first sight and refreshes the profile when Telegram's copy changed; a request
   * from an unchanged user costs one indexed read (on the pool when a reader is given: the API's path).
   */
  async upsertFromTelegram(db: Client, p: TelegramProfile, reader?: SqlReader): Promise<User> {
    const profile = {
      firstName: p.firstName,
      lastName: p.lastName ?? null,
      username: p.username ?? null,
      languageCode: p.languageCode ?? null,
      photoUrl: p.photoUrl ?? null,
      isPremium: p.isPremium ?? false,
    };
    const existing = reader ? await userRepository.findForAuth(reader, p.id) : await db.user.findUnique({ where: { id: p.id } });
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
