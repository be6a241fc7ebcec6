import { z } from "zod";
import { bigintId, int4, intId, text, adjustBalance, adminCreditNft, createTaskStateRepository, getSettings, listAuditLog, listGiftsForAdmin, searchUsers, setUserBanned, updateSettings } from "@gm/core";
import { adminMoneyProcedure, adminProcedure, money, router } from "../procedures";
import { idempotencyKeySchema } from "../middleware/idempotency";

/** 10 million TON: far above any real adjustment, far below BIGINT's range. */
const MAX_ADJUSTMENT = 10_000_000n * 1_000_000_000n;

const adjustBalanceInput = z.object({
  idempotencyKey: idempotencyKeySchema,
  userId: bigintId("userId"),
  /** Signed nanoTON: positive credits, negative debits. */
  amount: z
    .bigint()
    .refine((a) => a !== 0n, "amount cannot be zero")
    .refine((a) => a <= MAX_ADJUSTMENT && a >= -MAX_ADJUSTMENT, "amount is out of range (at most 10,000,000 TON)"),
  reason: text("The reason", { min: 3, max: 500 }),
});

const nano = (max: bigint, what: string) => z.bigint().min(0n, `${what} cannot be negative`).max(max, `${what} is too large`);
const TON = 1_000_000_000n;

const settingsOutput = z.object({
  feeBps: z.number(),
  minDeposit: z.bigint(),
  minWithdrawal: z.bigint(),
  withdrawalFee: z.bigint(),
  offerLifetimeSeconds: z.number(),
  antiSnipingSeconds: z.number(),
  presaleDeliveryDays: z.number(),
  updatedAt: z.date(),
  updatedBy: z.bigint().nullable(),
});

const page = { limit: int4("limit", 1, 100).default(50), cursor: bigintId("cursor").optional() };

export const adminRouter = router({
  users: adminProcedure
    .input(z.object({ query: text("The search", { max: 64 }).optional(), ...page }).default({ limit: 50 }))
    .query(({ ctx, input }) => searchUsers(ctx.rt.db.prisma, input)),

  setBanned: adminProcedure
    .input(z.object({ userId: bigintId("userId"), banned: z.boolean(), reason: text("The reason", { min: 3, max: 500 }) }))
    .mutation(({ ctx, input }) => setUserBanned(ctx.rt.db.prisma, { id: ctx.user.id, requestId: ctx.requestId }, input)),

  settings: adminProcedure.output(settingsOutput).query(({ ctx }) => getSettings(ctx.rt.db.prisma)),

  updateSettings: adminProcedure
    .input(
      z.object({
        feeBps: z.number().int().min(0, "fee cannot be negative").max(5000, "fee can be at most 50% (5000 bps)").optional(),
        minDeposit: nano(1000n * TON, "minimum deposit").optional(),
        minWithdrawal: nano(1000n * TON, "minimum withdrawal").refine((v) => v > 0n, "minimum withdrawal must be positive").optional(),
        withdrawalFee: nano(10n * TON, "withdrawal fee").optional(),
        offerLifetimeSeconds: z.number().int().min(60).max(90 * 86400).optional(),
        antiSnipingSeconds: z.number().int().min(0).max(3600).optional(),
        presaleDeliveryDays: z.number().int().min(1).max(180).optional(),
      }),
    )
    .output(settingsOutput)
    .mutation(({ ctx, input }) => updateSettings(ctx.rt.db.prisma, { id: ctx.user.id, requestId: ctx.requestId }, input)),

  auditLog: adminProcedure
    .input(z.object({ action: text("The action", { max: 64 }).optional(), ...page }).default({ limit: 50 }))
    .query(({ ctx, input }) => listAuditLog(ctx.rt.db.prisma, input)),

  gifts: adminProcedure.query(({ ctx }) => listGiftsForAdmin(ctx.rt.db.prisma)),

  tasks: adminProcedure.query(({ ctx }) => createTaskStateRepository(ctx.rt.db.prisma).list()),

  /** Custody intake by hand: credits a new NFT of a gift to a user. Idempotent, so a double click credits once. */
  creditNft: adminMoneyProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        userId: bigintId("userId"),
        giftId: intId("giftId"),
        model: text("The model", { min: 1, max: 64 }).optional(),
        backdrop: text("The backdrop", { min: 1, max: 64 }).optional(),
        symbol: text("The symbol", { min: 1, max: 64 }).optional(),
        number: int4("The number", 1).optional(),
      }),
    )
    .output(
      z.object({
        id: z.bigint(), giftId: z.number(), number: z.number(), model: z.string(), backdrop: z.string(), symbol: z.string(),
        ownerId: z.bigint(), status: z.string(),
      }),
    )
    .mutation(
      money(({ ctx, input }) => {
        const { idempotencyKey: _key, ...credit } = input;
        return adminCreditNft(ctx.uow, { cache: ctx.rt.backends.cache }, { id: ctx.user.id, requestId: ctx.requestId }, credit);
      }),
    ),

  adjustBalance: adminMoneyProcedure
    .input(adjustBalanceInput)
    .output(z.object({ movementId: z.bigint(), available: z.bigint(), locked: z.bigint() }))
    .mutation(
      money(({ ctx, input }) =>
        adjustBalance(ctx.uow, { id: ctx.user.id, requestId: ctx.requestId }, { userId: input.userId, amount: input.amount, reason: input.reason }),
      ),
    ),
});
