import { expect, test } from "@playwright/test";

import { blockExternalRequests, callApi, tonText } from "./support";

const DEV = 1_000_001n;

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

type Page = { items: { giftId: number; status: string }[]; nextCursor: string | null };
type Floors = { collections: { giftId: number; floor: bigint | null }[] };

test("the portfolio's total is the sum of the floors of the user's gifts", async ({ page, request }) => {
  // What the market says, computed here from the public procedures: every gift the user holds at its
  // collection's floor. Other tests buy and credit gifts meanwhile, so compare until both agree.
  const expected = async () => {
    const counts = new Map<number, number>();
    let cursor: string | null = null;
    do {
      const res: Page = await callApi<Page>(request, DEV, "query", "market.search", { ownerId: DEV, listedOnly: false, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const item of res.items) if (item.status !== "WITHDRAWING") counts.set(item.giftId, (counts.get(item.giftId) ?? 0) + 1);
      cursor = res.nextCursor;
    } while (cursor);
    const floors = await callApi<Floors>(request, DEV, "query", "market.floors", {});
    const floorOf = new Map(floors.collections.map((c) => [c.giftId, c.floor ?? 0n]));
    let total = 0n;
    for (const [giftId, n] of counts) total += (floorOf.get(giftId) ?? 0n) * BigInt(n);
    return { total, gifts: [...counts.values()].reduce((a, b) => a + b, 0) };
  };

  await expect(async () => {
    await page.goto("/profile");
    const shown = tonText(await page.getByTestId("portfolio-total-floor").textContent({ timeout: 10_000 }));
    const market = await expected();
    expect(shown).toBe(market.total);
    await expect(page.getByTestId("portfolio-count")).toHaveText(`${market.gifts.toLocaleString("en")} ${market.gifts === 1 ? "gift" : "gifts"}`);
  }).toPass({ timeout: 45_000 });
});
