// The admin page's wire shapes.
import { z } from "zod";
import { bigintId, int4, text } from "../common/input";

export const pageInput = { limit: int4("limit", 1, 100).default(50), cursor: bigintId("cursor").optional() };

export const usersInput = z.object({ query: text("The search", { max: 64 }).optional(), ...pageInput }).default({ limit: 50 });
export const usersOutput = z.object({
  items: z.array(
    z.object({
      id: z.bigint(), username: z.string().nullable(), firstName: z.string(), lastName: z.string().nullable(), role: z.enum(["USER", "ADMIN"]),
      isBanned: z.boolean(), available: z.bigint(), locked: z.bigint(), tonAddress: z.string().nullable(), createdAt: z.date(), nftCount: z.number().int(),
    }),
  ),
  nextCursor: z.bigint().nullable(),
});

export const setBannedInput = z.object({ userId: bigintId("userId"), banned: z.boolean(), reason: text("The reason", { min: 3, max: 500 }) });
export const setBannedOutput = z.object({ id: z.bigint(), isBanned: z.boolean() });

export const auditLogInput = z.object({ action: text("The action", { max: 64 }).optional(), ...pageInput }).default({ limit: 50 });
export const auditLogOutput = z.object({
  items: z.array(
    z.object({
      id: z.bigint(), actorId: z.bigint().nullable(), action: z.string(), targetType: z.string().nullable(), targetId: z.string().nullable(),
      data: z.unknown(), requestId: z.string().nullable(), createdAt: z.date(),
    }),
  ),
  nextCursor: z.bigint().nullable(),
});

export const giftsOutput = z.array(
  z.object({
    id: z.number().int(), slug: z.string(), title: z.string(), glyph: z.string(), supply: z.number().int(), transferableAt: z.date().nullable(),
    floorPrice: z.bigint().nullable(), minted: z.number().int(), listed: z.number().int(),
    attributes: z.array(z.object({ kind: z.enum(["MODEL", "BACKDROP", "SYMBOL"]), name: z.string(), rarityPermille: z.number().int() })),
  }),
);

/** 10 million TON: far above any real adjustment, far below BIGINT's range. */
const MAX_ADJUSTMENT = 10_000_000n * 1_000_000_000n;

export const adjustBalanceInput = z.object({
  userId: bigintId("userId"),
  /** Signed nanoTON: positive credits, negative debits. */
  amount: z
    .bigint()
    .refine((a) => a !== 0n, "amount cannot be zero")
    .refine((a) => a <= MAX_ADJUSTMENT && a >= -MAX_ADJUSTMENT, "amount is out of range (at most 10,000,000 TON)"),
  reason: text("The reason", { min: 3, max: 500 }),
});
export const adjustBalanceOutput = z.object({ movementId: z.bigint(), available: z.bigint(), locked: z.bigint() });

export const tasksOutput = z.array(
  z.object({
    name: z.string(), intervalMs: z.number().int(), lastRunAt: z.date().nullable(), lastSuccessAt: z.date().nullable(), lastErrorAt: z.date().nullable(),
    lastError: z.string().nullable(), lastDurationMs: z.number().int().nullable(), runs: z.number().int(), failures: z.number().int(),
    consecutiveFailures: z.number().int(), runner: z.string().nullable(), updatedAt: z.date(),
  }),
);
