import { expect, test, type Page } from "@playwright/test";

import { formatTon } from "@gm/api/client";

import { blockExternalRequests, callApi, creditGift, newUser, phoneOf, signInAs, sql } from "./support";

const TON = 1_000_000_000n;

/** The haptic notifications the page asked (mocked) Telegram for, in order. */
const haptics = (page: Page) => page.evaluate(() => (window.gmMockedHaptics ?? []).map((h) => (h as { notification_type?: string }).notification_type ?? null));

test("a seller starts an auction from the gift page, two bidders bid, the first is outbid and refunded, the winner gets the gift and the seller the price minus the fee", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const seller = await newUser(page.request);
  const first = await newUser(page.request, 20n * TON);
  const second = await newUser(page.request, 20n * TON);
  const nftId = await creditGift(page.request, seller);

  // The seller: 2 TON to start, a step of 0.5 TON, one hour; the end shown before the gift is locked in.
  await blockExternalRequests(page);
  await signInAs(page, seller);
  await page.goto(`/nft/${nftId}`);
  await page.getByTestId("auction-start-open").click();
  await page.getByTestId("auction-start-price").fill("2");
  await page.getByTestId("auction-start-step-kind").selectOption("amount");
  await page.getByTestId("auction-start-step").fill("0.5");
  await page.getByTestId("auction-start-hours").selectOption("1");
  await page.getByTestId("auction-start-review").click();
  const startSheet = page.getByTestId("auction-start-sheet");
  await expect(startSheet.getByTestId("auction-start-confirm-price")).toHaveText("2.00 TON");
  await expect(startSheet.getByTestId("auction-start-confirm-ends")).toContainText("1 hour");
  await startSheet.getByTestId("auction-start-confirm").click();
  await expect(page).toHaveURL(/\/auction\/\d+$/);
  const auctionId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("auction-price")).toHaveText("2.00 TON");
  await expect(page.getByTestId("badge-seller")).toBeVisible();
  await expect(page.getByTestId("auction-countdown")).toHaveText(/^(59:\d\d|01:00:00)$/);
  // It is on the Auctions tab, and the gift's page links to it.
  await page.goto("/auctions");
  await page.getByTestId("tab-seller").click();
  await expect(page.locator(`[data-testid="auction-card"][data-auction-id="${auctionId}"]`)).toContainText("2.00 TON");
  await page.goto(`/nft/${nftId}`);
  await expect(page.getByTestId("nft-auction-link")).toHaveAttribute("href", `/auction/${auctionId}`);

  // The first bidder bids the start price: exactly that is held.
  const a = await phoneOf(browser, first);
  await a.goto(`/auction/${auctionId}`);
  await expect(a.getByTestId("balance-available")).toHaveText("20.00 TON");
  await expect(a.getByTestId("auction-min-bid")).toHaveText("2.00 TON");
  await expect(a.getByTestId("bid-amount")).toHaveValue("2.00");
  await a.getByTestId("bid-button").click();
  const sheetA = a.getByTestId("bid-sheet");
  await expect(sheetA.getByTestId("bid-confirm-held")).toHaveText("2.00 TON");
  await sheetA.getByTestId("bid-confirm").click();
  await expect(sheetA).toBeHidden();
  await expect(a.getByTestId("auction-leading")).toContainText("2.00 TON");
  await expect(a.getByTestId("balance-available")).toHaveText("18.00 TON");
  expect(await haptics(a)).toContain("success");

  // Within the anti-sniping window now: the second bidder's bid pushes the end back.
  await sql("UPDATE auctions SET ends_at = now() + interval '60 seconds' WHERE id = $1", [auctionId]);
  // The first bidder's screen has read that end (a later one is then an extension, not the DB's jump back).
  await expect(a.getByTestId("auction-countdown")).toHaveText(/^(00:[0-5]\d|01:00)$/);
  const b = await phoneOf(browser, second);
  await b.goto(`/auction/${auctionId}`);
  await expect(b.getByTestId("auction-min-bid")).toHaveText("2.50 TON"); // 2 + the 0.5 step
  await b.getByTestId("bid-amount").fill("3");
  await b.getByTestId("bid-button").click();
  await expect(b.getByTestId("bid-sheet").getByTestId("bid-confirm-held")).toHaveText("3.00 TON");
  await b.getByTestId("bid-sheet").getByTestId("bid-confirm").click();
  await expect(b.getByTestId("auction-leading")).toContainText("3.00 TON");
  await expect(b.getByTestId("auction-extended")).toBeVisible();

  // The first bidder's screen, untouched: outbid, the hold back in the balance, the end moved.
  await expect(a.getByTestId("auction-outbid")).toContainText("2.00 TON", { timeout: 10_000 });
  await expect(a.getByTestId("badge-outbid")).toBeVisible();
  await expect(a.getByTestId("balance-available")).toHaveText("20.00 TON");
  await expect(a.getByTestId("auction-extended")).toBeVisible();
  await expect(a.getByTestId("auction-min-bid")).toHaveText("3.50 TON");
  await expect(a.getByTestId("auction-history").getByTestId("auction-bid")).toHaveCount(2);

  // The end, brought forward (a test cannot wait an hour): the worker settles it.
  await sql("UPDATE auctions SET ends_at = now() + interval '3 seconds' WHERE id = $1", [auctionId]);
  await expect(b.getByTestId("auction-result")).toHaveAttribute("data-result", "won", { timeout: 30_000 });
  await expect(b.getByTestId("auction-result")).toContainText("3.00 TON");
  await expect(a.getByTestId("auction-result")).toHaveAttribute("data-result", "sold-to", { timeout: 10_000 });
  await b.getByTestId("open-profile").click();
  await expect(b.locator(`[data-testid="inventory-item"][data-nft-id="${nftId}"]`)).toBeVisible();

  // The seller: 3 TON minus the 5% fee, on the auction and in the balance.
  await page.goto(`/auction/${auctionId}`);
  const result = page.getByTestId("auction-result");
  await expect(result).toHaveAttribute("data-result", "sold");
  await expect(result).toContainText("3.00 TON");
  await expect(result).toContainText("2.85 TON");
  await page.goto("/profile");
  await expect(page.getByTestId("balance-available")).toHaveText("2.85 TON");
  const nft = await callApi<{ owner: { id: bigint } }>(page.request, seller, "query", "market.nft", { id: BigInt(nftId) });
  expect(nft.owner.id).toBe(second);
  await a.context().close();
  await b.context().close();
});

test("the owner sells a gift to the best collection offer with the exact proceeds after the fee", async ({ page }) => {
  const owner = await newUser(page.request);
  const nftId = await creditGift(page.request, owner);
  const { giftId } = await callApi<{ giftId: number }>(page.request, owner, "query", "market.nft", { id: nftId });
  // A price of this run's own, above any other offer on the collection: the one the page shows.
  const price = 9_000n * TON + BigInt(Math.floor(Math.random() * 1_000_000)) * 1000n;
  const buyer = await newUser(page.request, price);
  await callApi(page.request, buyer, "mutation", "offer.makeCollection", { idempotencyKey: `e2e-coll-${buyer}`, giftId, price });
  const fee = (price * 500n) / 10_000n;

  await blockExternalRequests(page);
  await signInAs(page, owner);
  await page.goto(`/nft/${nftId}`);
  const card = page.getByTestId("offers-card");
  await expect(card.getByTestId("collection-offer")).toContainText(formatTon(price));
  await card.getByTestId("collection-offer-sell").click();
  const sheet = page.getByTestId("offer-sheet");
  await expect(sheet.getByTestId("offer-proceeds")).toHaveText(formatTon(price - fee));
  await sheet.getByTestId("offer-confirm").click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("nft-owner")).not.toHaveText("You");
  await page.goto("/profile");
  await expect(page.getByTestId("balance-available")).toHaveText(formatTon(price - fee));
  const nft = await callApi<{ owner: { id: bigint } }>(page.request, owner, "query", "market.nft", { id: nftId });
  expect(nft.owner.id).toBe(buyer);
});
