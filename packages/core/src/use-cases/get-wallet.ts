// The wallet screen: balances and the ledger history of one user.
import type { PrismaClient } from "@gm/db";
import { notFound } from "../errors";
import { ledgerRepository, type HistoryRow } from "../repositories/ledger-repository";

export async function getBalance(prisma: PrismaClient, userId: bigint): Promise<{ available: bigint; locked: bigint }> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { available: true, locked: true } });
  if (!user) throw notFound("The user");
  return user;
}

export async function getWalletHistory(
  prisma: PrismaClient,
  userId: bigint,
  page: { limit: number; cursor?: bigint },
): Promise<{ items: HistoryRow[]; nextCursor: bigint | null }> {
  const rows = await ledgerRepository.history(prisma, userId, page.limit + 1, page.cursor);
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
