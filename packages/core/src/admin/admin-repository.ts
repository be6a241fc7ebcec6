// The admin page's queries: users, collections, the audit log, bans.
import type { Db, Tx } from "@gm/db";

export const adminRepository = {
  /** Users newest first, optionally matching an id, a username or a first name. */
  searchUsers(db: Db, input: { query?: string; byId?: bigint; limit: number; cursor?: bigint }) {
    const q = input.query;
    return db.user.findMany({
      where: {
        ...(input.cursor ? { id: { lt: input.cursor } } : {}),
        ...(q
          ? {
              OR: [
                ...(input.byId !== undefined ? [{ id: input.byId }] : []),
                { username: { contains: q, mode: "insensitive" as const } },
                { firstName: { contains: q, mode: "insensitive" as const } },
              ],
            }
          : {}),
      },
      orderBy: { id: "desc" },
      take: input.limit,
      select: {
        id: true, username: true, firstName: true, lastName: true, role: true, isBanned: true,
        available: true, locked: true, tonAddress: true, createdAt: true, _count: { select: { nfts: true } },
      },
    });
  },

  /** Sets the ban flag; null when there is no such user. */
  async setBanned(tx: Tx, userId: bigint, banned: boolean): Promise<{ id: bigint; isBanned: boolean } | null> {
    const rows = await tx.user.updateManyAndReturn({ where: { id: userId }, data: { isBanned: banned }, select: { id: true, isBanned: true } });
    return rows[0] ?? null;
  },

  auditLog(db: Db, input: { limit: number; cursor?: bigint; action?: string }) {
    return db.auditLog.findMany({
      where: { ...(input.cursor ? { id: { lt: input.cursor } } : {}), ...(input.action ? { action: input.action } : {}) },
      orderBy: { id: "desc" },
      take: input.limit,
    });
  },

  /** Every collection with its attributes, and how many NFTs of each exist per status. */
  async giftsWithCounts(db: Db) {
    const [gifts, counts] = await Promise.all([
      db.gift.findMany({ orderBy: { title: "asc" }, include: { attributes: { orderBy: [{ kind: "asc" }, { name: "asc" }] } } }),
      db.nft.groupBy({ by: ["giftId", "status"], _count: { _all: true } }),
    ]);
    return { gifts, counts };
  },
};
