// The admin page's reads and changes. Every change is audited with its actor and request.
import type { PrismaClient } from "@gm/db";
import { inUnitOfWork } from "@gm/db";
import { badRequest, notFound } from "../errors";
import { auditRepository } from "../repositories/audit-repository";
import { settingsRepository } from "../repositories/settings-repository";

export interface Actor {
  id: bigint;
  requestId?: string;
}

export async function searchUsers(prisma: PrismaClient, input: { query?: string; limit: number; cursor?: bigint }) {
  const q = input.query?.trim().replace(/^@/, "");
  const byId = q && /^\d{1,19}$/.test(q) ? BigInt(q) : undefined;
  const rows = await prisma.user.findMany({
    where: {
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
      ...(q
        ? {
            OR: [
              ...(byId !== undefined ? [{ id: byId }] : []),
              { username: { contains: q, mode: "insensitive" as const } },
              { firstName: { contains: q, mode: "insensitive" as const } },
            ],
          }
        : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true, username: true, firstName: true, lastName: true, role: true, isBanned: true,
      available: true, locked: true, tonAddress: true, createdAt: true, _count: { select: { nfts: true } },
    },
  });
  const items = rows.slice(0, input.limit).map(({ _count, ...u }) => ({ ...u, nftCount: _count.nfts }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}

export async function setUserBanned(prisma: PrismaClient, actor: Actor, input: { userId: bigint; banned: boolean; reason: string }) {
  if (input.userId === actor.id && input.banned) throw badRequest("You cannot ban yourself.");
  return inUnitOfWork(prisma, async (uow) => {
    const user = await uow.tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw notFound("The user");
    const updated = await uow.tx.user.update({ where: { id: input.userId }, data: { isBanned: input.banned }, select: { id: true, isBanned: true } });
    await auditRepository.record(uow.tx, {
      actorId: actor.id, action: input.banned ? "user.ban" : "user.unban", targetType: "user", targetId: input.userId.toString(),
      data: { reason: input.reason }, requestId: actor.requestId,
    });
    uow.commit();
    return updated;
  });
}

export interface SettingsPatch {
  feeBps?: number;
  minDeposit?: bigint;
  minWithdrawal?: bigint;
  withdrawalFee?: bigint;
  offerLifetimeSeconds?: number;
  antiSnipingSeconds?: number;
  presaleDeliveryDays?: number;
}

export function getSettings(prisma: PrismaClient) {
  return settingsRepository.get(prisma);
}

export async function updateSettings(prisma: PrismaClient, actor: Actor, patch: SettingsPatch) {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as SettingsPatch;
  if (Object.keys(changes).length === 0) throw badRequest("Nothing to change.");
  return inUnitOfWork(prisma, async (uow) => {
    const before = await uow.tx.settings.findUniqueOrThrow({ where: { id: 1 } });
    const after = await uow.tx.settings.update({ where: { id: 1 }, data: { ...changes, updatedBy: actor.id } });
    const diff = Object.fromEntries(
      Object.keys(changes).map((k) => [k, { from: String(before[k as keyof SettingsPatch]), to: String(after[k as keyof SettingsPatch]) }]),
    );
    await auditRepository.record(uow.tx, { actorId: actor.id, action: "settings.update", targetType: "settings", targetId: "1", data: diff, requestId: actor.requestId });
    uow.commit();
    return after;
  });
}

export async function listAuditLog(prisma: PrismaClient, input: { limit: number; cursor?: bigint; action?: string }) {
  const rows = await prisma.auditLog.findMany({
    where: { ...(input.cursor ? { id: { lt: input.cursor } } : {}), ...(input.action ? { action: input.action } : {}) },
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}

/** Collections with how many NFTs exist and are listed (admin's credit form and overview). */
export async function listGiftsForAdmin(prisma: PrismaClient) {
  const [gifts, counts] = await Promise.all([
    prisma.gift.findMany({ orderBy: { title: "asc" }, include: { attributes: { orderBy: [{ kind: "asc" }, { name: "asc" }] } } }),
    prisma.nft.groupBy({ by: ["giftId", "status"], _count: { _all: true } }),
  ]);
  return gifts.map((g) => {
    const mine = counts.filter((c) => c.giftId === g.id);
    return {
      id: g.id, slug: g.slug, title: g.title, glyph: g.glyph, supply: g.supply, transferableAt: g.transferableAt, floorPrice: g.floorPrice,
      minted: mine.reduce((s, c) => s + c._count._all, 0),
      listed: mine.find((c) => c.status === "LISTED")?._count._all ?? 0,
      attributes: g.attributes.map((a) => ({ kind: a.kind, name: a.name, rarityPermille: a.rarityPermille })),
    };
  });
}
