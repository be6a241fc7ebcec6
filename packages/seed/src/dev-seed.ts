// The development seed: the dev user (the one the mocked Telegram environment signs in as) gets a
// balance on first start. Idempotent: a second run changes nothing.
import type { PrismaClient } from "@gm/db";
import { inUnitOfWork } from "@gm/db";
import { DEV_USER, postMovement, userRepository } from "@gm/core";

export { DEV_USER };

export const DEV_STARTING_BALANCE = 1_000_000_000_000n; // 1,000 TON

export async function seedDev(prisma: PrismaClient): Promise<{ credited: boolean }> {
  await userRepository.upsertFromTelegram(prisma, DEV_USER);
  return inUnitOfWork(prisma, async (uow) => {
    // Serialise concurrent seeders on the user row, then credit only if the seed has never run.
    await uow.tx.$queryRaw`SELECT id FROM users WHERE id = ${DEV_USER.id} FOR UPDATE`;
    const seeded = await uow.tx.ledgerMovement.findFirst({ where: { kind: "ADJUSTMENT", reference: "seed:dev-user" } });
    if (seeded) return { credited: false };
    await postMovement(uow.tx, {
      kind: "ADJUSTMENT",
      reference: "seed:dev-user",
      memo: "Development seed balance",
      lines: [
        { account: "USER_AVAILABLE", userId: DEV_USER.id, amount: DEV_STARTING_BALANCE },
        { account: "EXTERNAL", amount: -DEV_STARTING_BALANCE },
      ],
    });
    uow.commit();
    return { credited: true };
  });
}
