import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGiftWithNfts, createUser } from "@gm/core/testing";
import { failure, startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
let h: Harness;
const admin = telegramUser({ firstName: "Root" });
beforeAll(async () => {
  h = await startHarness({ adminIds: new Set([admin.id]) });
});
afterAll(async () => {
  await h?.close();
});

describe("admin page procedures", () => {
  it("finds users by name, username or id, with balances", async () => {
    const u = await createUser(h.db.prisma, { firstName: "Zoltan", available: 3n * TON });
    const c = h.client(admin);
    expect((await c.admin.users.query({ query: "zolt" })).items).toEqual([expect.objectContaining({ id: u.id, available: 3n * TON, isBanned: false })]);
    expect((await c.admin.users.query({ query: u.id.toString() })).items.map((i) => i.id)).toEqual([u.id]);
  });

  it("bans and unbans, audited; a banned user is refused at once", async () => {
    const target = telegramUser();
    await h.client(target).auth.me.query();
    const c = h.client(admin);
    await c.admin.setBanned.mutate({ userId: target.id, banned: true, reason: "fraud report" });
    await expect(h.client(target).auth.me.query()).rejects.toThrow(/suspended/);
    await c.admin.setBanned.mutate({ userId: target.id, banned: false, reason: "appeal accepted" });
    await expect(h.client(target).auth.me.query()).resolves.toMatchObject({ id: target.id });
    const log = await c.admin.auditLog.query({ limit: 10 });
    expect(log.items.slice(0, 2).map((e) => e.action)).toEqual(["user.unban", "user.ban"]);
  });

  it("changes the fee, audited, and the next sale uses it", async () => {
    const c = h.client(admin);
    const updated = await c.admin.updateSettings.mutate({ feeBps: 250 });
    expect(updated.feeBps).toBe(250);
    const audit = (await c.admin.auditLog.query({ action: "settings.update", limit: 1 })).items[0]!;
    expect(audit.data).toEqual({ feeBps: { from: "500", to: "250" } });
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 10n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 4n * TON });
    const res = await h.client(telegramUser({ id: buyer.id })).listing.buy.mutate({ idempotencyKey: "fee-check-0001", nftId: nfts[0]!.id, price: 4n * TON });
    expect(res.fee).toBe(100_000_000n);
    const bad = await failure(c.admin.updateSettings.mutate({ feeBps: 20000 }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/at most 50%/);
    await c.admin.updateSettings.mutate({ feeBps: 500 });
  });

  it("credits an NFT to a user once per key, audited, and it shows in their inventory", async () => {
    const owner = telegramUser();
    await h.client(owner).auth.me.query();
    const gift = await h.db.prisma.gift.create({ data: { slug: "credit-test", title: "Signet Ring", supply: 5, transferableAt: new Date() } });
    await h.db.prisma.giftAttribute.createMany({
      data: [
        { giftId: gift.id, kind: "MODEL", name: "Gold", rarityPermille: 20 },
        { giftId: gift.id, kind: "BACKDROP", name: "Black", rarityPermille: 15 },
        { giftId: gift.id, kind: "SYMBOL", name: "Star", rarityPermille: 5 },
      ],
    });
    const input = { idempotencyKey: "credit-once-0001", userId: owner.id, giftId: gift.id, model: "Gold" };
    const [a, b] = await Promise.all([h.client(admin).admin.creditNft.mutate(input), h.client(admin).admin.creditNft.mutate(input)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ giftId: gift.id, number: 1, model: "Gold", backdrop: "Black", symbol: "Star", ownerId: owner.id, status: "IN_CUSTODY" });
    const inventory = await h.client(owner).market.search.query({ ownerId: owner.id, listedOnly: false });
    expect(inventory.items.map((i) => i.id)).toEqual([a.id]);
    expect(await h.db.prisma.auditLog.count({ where: { action: "nft.credit", actorId: admin.id } })).toBe(1);
    const unknown = await failure(h.client(admin).admin.creditNft.mutate({ ...input, idempotencyKey: "credit-bad-0001", model: "Platinum" }));
    expect(unknown.data?.code).toBe("BAD_REQUEST");
  });

  it("is closed to non-admins", async () => {
    const c = h.client(telegramUser());
    await expect(c.admin.users.query({})).rejects.toThrow(/administrators only/);
    await expect(c.admin.updateSettings.mutate({ feeBps: 0 })).rejects.toThrow(/administrators only/);
  });
});
