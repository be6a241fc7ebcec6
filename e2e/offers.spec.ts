import { expect, test } from "@playwright/test";

import { blockExternalRequests, callApi } from "./support";

const DEV = 1_000_001n;
const BUYER = 7_700_000_000n + BigInt(Math.floor(Math.random() * 1_000_000)); // this run's second user

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test("the owner sees an offer on their gift with the exact proceeds after the fee, accepts it, and the gift is gone", async ({ page }) => {
  // A second user with money (an admin adjustment) offers on one of the dev user's gifts in custody.
  await callApi(page.request, BUYER, "query", "auth.me", undefined);
  await callApi(page.request, DEV, "mutation", "admin.adjustBalance", { idempotencyKey: `e2e-fund-${BUYER}`, userId: BUYER, amount: 50_000_000_000n, reason: "e2e offer buyer" });
  const inventory = await callApi<{ items: { id: bigint; status: string }[] }>(page.request, DEV, "query", "market.search", { ownerId: DEV, listedOnly: false, sort: "number_asc", limit: 100 });
  // The last one in custody: other tests list and sell the first ones.
  const nftId = inventory.items.filter((i) => i.status === "IN_CUSTODY").at(-1)?.id;
  expect(nftId).toBeDefined();
  await callApi(page.request, BUYER, "mutation", "offer.make", { idempotencyKey: `e2e-offer-${BUYER}`, nftId, price: 12_000_000_000n });

  await page.goto(`/nft/${nftId}`);
  const card = page.getByTestId("offers-card");
  await expect(card.getByTestId("nft-offer").filter({ hasText: "12.00 TON" })).toHaveCount(1);
  await card.getByTestId("offer-accept").first().click();
  const sheet = page.getByTestId("offer-sheet");
  await expect(sheet.getByTestId("offer-proceeds")).toHaveText("11.40 TON"); // 12 minus the 5% fee
  await sheet.getByTestId("offer-confirm").click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("offers-card").getByTestId("offer-accept")).toHaveCount(0); // no longer the owner
  const nft = await callApi<{ owner: { id: bigint } }>(page.request, DEV, "query", "market.nft", { id: nftId });
  expect(nft.owner.id).toBe(BUYER);
});

test("a buyer makes an offer with the amount held shown first, sees it as theirs, and cancels it", async ({ page }) => {
  const before = await callApi<{ available: bigint; locked: bigint }>(page.request, DEV, "query", "wallet.balance", undefined);
  await page.goto("/");
  await page.getByTestId("nft-card").first().click();
  const card = page.getByTestId("offers-card");
  await card.getByTestId("offer-price").fill("0.75");
  await card.getByTestId("offer-days").selectOption("1");
  await card.getByTestId("offer-review").click();
  const sheet = page.getByTestId("offer-sheet");
  await expect(sheet.getByTestId("offer-confirm-amount")).toHaveText("0.75 TON");
  await expect(sheet).toContainText("1 day");
  await sheet.getByTestId("offer-confirm").click();
  await expect(card.getByTestId("my-offer")).toContainText("0.75 TON");
  const held = await callApi<{ locked: bigint }>(page.request, DEV, "query", "wallet.balance", undefined);
  expect(held.locked - before.locked).toBeGreaterThanOrEqual(750_000_000n);

  await card.getByTestId("offer-cancel").click();
  await expect(sheet.getByTestId("offer-confirm-amount")).toHaveText("0.75 TON");
  await sheet.getByTestId("offer-confirm").click();
  await expect(card.getByTestId("my-offer")).toHaveCount(0);
  const after = await callApi<{ locked: bigint }>(page.request, DEV, "query", "wallet.balance", undefined);
  expect(held.locked - after.locked).toBe(750_000_000n); // the hold came back
});
