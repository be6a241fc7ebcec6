// Operations over HTTP against real PostgreSQL and Redis: business counters count what committed (a
// refusal, a lost race or a replayed key counts nothing), and admin.operations shows the last 24 hours'
// numbers and the withdrawal pipeline to admins only.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address } from "@ton/core";
import { createGiftWithNfts } from "@gm/core/testing";
import { registry } from "@gm/observability/metrics";
import { idempotencyKey as key, refusalOf, startHarness, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function counted(event: string): Promise<{ count: number; ton: number }> {
  const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values.find((v) => v.labels.event === event)?.value ?? 0;
  return { count: await value("gm_business_events_total"), ton: await value("gm_business_volume_ton_total") };
}

describe("business counters", () => {
  it("count a purchase once: not its refusals, not the losers of a race, not a replay", async () => {
    const seller = await h.party();
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 7n * TON, count: 1 });
    const nftId = nfts[0]!.id;
    const buyers = await Promise.all(Array.from({ length: 8 }, () => h.party(10n * TON)));
    const before = await counted("purchase");

    expect(await refusalOf(buyers[0]!.api.listing.buy.mutate({ idempotencyKey: key(), nftId, price: 6n * TON }))).toBe("PRICE_MISMATCH");
    const k = key();
    const results = await Promise.allSettled(buyers.map((b, i) => b.api.listing.buy.mutate({ idempotencyKey: i === 0 ? k : key(), nftId, price: 7n * TON })));
    const winner = results.findIndex((r) => r.status === "fulfilled");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    if (winner === 0) await buyers[0]!.api.listing.buy.mutate({ idempotencyKey: k, nftId, price: 7n * TON }); // a replay

    const after = await counted("purchase");
    expect(after.count - before.count).toBe(1);
    expect(after.ton - before.ton).toBeCloseTo(7);
  });
});

describe("admin.operations", () => {
  it("shows admins the last 24 hours' sales, deposits and withdrawals, and the withdrawals not yet finished", async () => {
    const admin = await h.party(0n, "ADMIN");
    const user = await h.party(20n * TON);
    const before = await admin.api.admin.operations.query();
    const total = (r: typeof before, event: string) => r.last24h.find((e) => e.event === event) ?? { count: 0, volume: 0n };

    const seller = await h.party();
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 3n * TON, count: 2 });
    for (const nft of nfts) await user.api.listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 3n * TON });
    const destination = new Address(0, randomBytes(32)).toString({ bounceable: false, testOnly: true });
    await user.api.wallet.withdraw.mutate({ idempotencyKey: key(), amount: 2n * TON, destination });

    const after = await admin.api.admin.operations.query();
    expect(total(after, "sale").count - total(before, "sale").count).toBe(2);
    expect(total(after, "sale").volume - total(before, "sale").volume).toBe(6n * TON);
    expect(total(after, "withdrawal_requested").volume - total(before, "withdrawal_requested").volume).toBe(2n * TON);
    expect(after.pipeline.withdrawalsUnfinished.PENDING - before.pipeline.withdrawalsUnfinished.PENDING).toBe(1);
    expect(after.pipeline.oldestUnfinishedWithdrawalAt).toBeInstanceOf(Date);
    expect(Date.now() - after.since.getTime()).toBeGreaterThanOrEqual(24 * 3600_000 - 60_000);

    expect(await refusalOf(user.api.admin.operations.query())).toBe("NOT_ADMIN");
  });
});
