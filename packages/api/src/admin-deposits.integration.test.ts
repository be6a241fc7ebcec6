// admin.deposits and admin.assignDeposit over HTTP: admins see every transfer and what became of it, and
// give a deposit whose memo matched nobody to its owner — once, however many clicks, audited.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@gm/core";
import { createUser } from "@gm/core/testing";
import { failure, startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const hash = () => randomBytes(32).toString("hex");
let lt = 1_000n;
const deposit = (data: { status: "CREDITED" | "UNMATCHED" | "IGNORED"; amount?: bigint; userId?: bigint; reason?: string; comment?: string }) =>
  h.db.prisma.deposit.create({ data: { txHash: hash(), lt: lt++, amount: data.amount ?? 3n * TON, sender: "EQsender", comment: data.comment ?? null, userId: data.userId ?? null, status: data.status, reason: data.reason ?? null } });

async function admin() {
  const user = await createUser(h.db.prisma, { role: "ADMIN" });
  return h.client(telegramUser({ id: user.id }));
}

describe("admin deposits", () => {
  it("lists deposits newest first, by status, with why each was not credited", async () => {
    const api = await admin();
    const unmatched = await deposit({ status: "UNMATCHED", reason: "UNKNOWN_MEMO", comment: "gm-TYPO" });
    await deposit({ status: "IGNORED", reason: "BOUNCED" });
    const page = await api.admin.deposits.query({ status: "UNMATCHED", limit: 100 });
    expect(page.items.every((d) => d.status === "UNMATCHED")).toBe(true);
    expect(page.items[0]).toMatchObject({ id: unmatched.id, comment: "gm-TYPO", reason: "UNKNOWN_MEMO", amount: 3n * TON, userId: null });
    const first = await api.admin.deposits.query({ limit: 1 });
    expect(first.items).toHaveLength(1);
    const next = await api.admin.deposits.query({ limit: 1, cursor: first.nextCursor! });
    expect(next.items[0]!.id).toBeLessThan(first.items[0]!.id);
  });

  it("credits an unmatched deposit to the user once, under many concurrent clicks, and audits it", async () => {
    const api = await admin();
    const owner = await createUser(h.db.prisma);
    const d = await deposit({ status: "UNMATCHED", reason: "UNKNOWN_MEMO", amount: 4n * TON });
    const clicks = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => api.admin.assignDeposit.mutate({ idempotencyKey: `assign-${d.id}-${i}`, depositId: d.id, userId: owner.id, reason: "memo typo, confirmed by support" })),
    );
    const ok = clicks.filter((c) => c.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const c of clicks) if (c.status === "rejected") expect(String((c.reason as { data?: { reason?: string } }).data?.reason)).toMatch(/DEPOSIT_NOT_UNMATCHED|IDEMPOTENCY/);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).available).toBe(4n * TON);
    expect(await h.db.prisma.deposit.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "CREDITED", userId: owner.id, reason: "ASSIGNED" });
    expect(await h.db.prisma.auditLog.count({ where: { action: "deposit.assign", targetId: d.id.toString() } })).toBe(1);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("refuses what is not an unmatched deposit, an unknown user, and non-admins, changing nothing", async () => {
    const api = await admin();
    const owner = await createUser(h.db.prisma);
    const credited = await deposit({ status: "CREDITED", userId: owner.id });
    const key = () => `assign-${randomBytes(6).toString("hex")}`;
    expect((await failure(api.admin.assignDeposit.mutate({ idempotencyKey: key(), depositId: credited.id, userId: owner.id, reason: "again?" }))).data?.reason).toBe("DEPOSIT_NOT_UNMATCHED");
    expect((await failure(api.admin.assignDeposit.mutate({ idempotencyKey: key(), depositId: 987_654_321n, userId: owner.id, reason: "nothing" }))).data?.code).toBe("NOT_FOUND");
    const unmatched = await deposit({ status: "UNMATCHED" });
    expect((await failure(api.admin.assignDeposit.mutate({ idempotencyKey: key(), depositId: unmatched.id, userId: 5_555_555_555n, reason: "nobody" }))).data?.code).toBe("NOT_FOUND");
    const plain = h.client(telegramUser({ id: owner.id }));
    expect((await failure(plain.admin.assignDeposit.mutate({ idempotencyKey: key(), depositId: unmatched.id, userId: owner.id, reason: "mine!" }))).data?.reason).toBe("NOT_ADMIN");
    expect((await failure(plain.admin.deposits.query({ limit: 10 }))).data?.reason).toBe("NOT_ADMIN");
    expect(await h.db.prisma.deposit.findUniqueOrThrow({ where: { id: unmatched.id } })).toMatchObject({ status: "UNMATCHED", userId: null });
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).available).toBe(0n);
  });
});
