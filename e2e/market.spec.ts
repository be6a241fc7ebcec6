import { expect, test } from "@playwright/test";

import { availableBalance, blockExternalRequests, callApi, tonText } from "./support";

const COLLECTION = "Homemade Cake"; // one of the cheapest collections of the dev seed (floor ≈ 2.6 TON)
const TON = 1_000_000_000n;

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test("browse, filter by collection, sort by price, buy the cheapest gift and find it in the profile", async ({ page }) => {
  test.setTimeout(90_000);
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));

  const before = await availableBalance(page);

  // The grid.
  await page.goto("/");
  await expect(page.getByTestId("market-grid")).toBeVisible();
  await expect(page.getByTestId("nft-card").first()).toBeVisible();

  // One collection, cheapest first.
  await page.getByTestId("collection-chip").filter({ hasText: COLLECTION }).click();
  await page.getByTestId("sort-select").selectOption("price_asc");
  const cards = page.getByTestId("nft-card");
  await expect(cards.first()).toContainText(COLLECTION);
  await expect(async () => {
    const titles = await cards.getByTestId("card-title").allTextContents();
    expect(titles.length).toBeGreaterThan(1);
    for (const title of titles) expect(title).toContain(COLLECTION);
    const prices = (await cards.getByTestId("nft-price").allTextContents()).map(tonText);
    for (let i = 1; i < prices.length; i++) expect(prices[i]! >= prices[i - 1]!).toBe(true);
  }).toPass();

  // Open the cheapest gift someone else sells (the dev user lists a couple of their own).
  let nftId: string | null = null;
  for (let i = 0; i < 5 && nftId === null; i++) {
    const card = cards.nth(i);
    const id = await card.getAttribute("data-nft-id");
    await card.click();
    await expect(page.getByTestId("nft-title")).toContainText(COLLECTION);
    await expect(page.getByTestId("buy-button").or(page.getByTestId("owner-panel"))).toBeVisible();
    if (await page.getByTestId("buy-button").isVisible()) {
      nftId = id;
    } else {
      await page.goBack();
      await expect(cards.first()).toBeVisible();
    }
  }
  expect(nftId, "a listed gift of another seller").not.toBeNull();
  await expect(page).toHaveURL(new RegExp(`/nft/${nftId}$`));
  const title = (await page.getByTestId("nft-title").textContent())!.trim();
  const priceText = (await page.getByTestId("nft-price").textContent())!.trim();
  const price = tonText(priceText);
  expect(price > 0n && price < 1000n * TON).toBe(true);

  // Buy: the confirmation shows exactly the listed price.
  await page.getByTestId("buy-button").click();
  await expect(page.getByTestId("confirm-price")).toHaveText(priceText);
  await page.getByTestId("confirm-buy").click();
  await expect(page.getByTestId("buy-success")).toBeVisible();

  // The profile: the gift is in the inventory, and the balance dropped by exactly the price.
  await page.getByTestId("open-profile").click();
  await expect(page).toHaveURL(/\/profile$/);
  const inventory = page.getByTestId("inventory");
  const mine = inventory.locator(`[data-testid="inventory-item"][data-nft-id="${nftId}"]`);
  await expect(mine).toBeVisible();
  await expect(mine).toContainText(title.replace(/^.*(#\d+)$/, "$1"));
  await expect.poll(async () => tonText(await page.getByTestId("balance-available").textContent())).toBe(before - price);
  expect(await availableBalance(page)).toBe(before - price);

  expect(pageErrors).toEqual([]);
});

test("a gift that does not exist shows a clear message", async ({ page }) => {
  await page.goto("/nft/999999999");
  await expect(page.getByTestId("nft-not-found")).toBeVisible();
});

test("activity feed lists market events", async ({ page }) => {
  await page.goto("/activity");
  await expect(page.getByTestId("activity-row").first()).toBeVisible();
});

test("when the seller changes the price before the buyer confirms, the buyer sees the new price and is asked again", async ({ page, request }) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await page.getByTestId("collection-chip").filter({ hasText: "Lol Pop" }).click();
  await page.getByTestId("sort-select").selectOption("price_asc");
  const cards = page.getByTestId("nft-card");
  await expect(cards.first()).toContainText("Lol Pop");

  // A gift of another seller, cheap enough for the dev user.
  let nftId: bigint | null = null;
  let seller: { id: bigint; price: bigint } | null = null;
  const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-nft-id")));
  for (const id of ids) {
    const nft = await callApi<{ owner: { id: bigint }; price: bigint | null }>(request, 1_000_001n, "query", "market.nft", { id: BigInt(id!) });
    if (nft.owner.id !== 1_000_001n && nft.price !== null && nft.price < 100n * TON) {
      nftId = BigInt(id!);
      seller = { id: nft.owner.id, price: nft.price };
      break;
    }
  }
  expect(nftId, "a cheap listed gift of another seller").not.toBeNull();

  await page.goto(`/nft/${nftId}`);
  await expect(page.getByTestId("nft-price")).toHaveText(formatTonText(seller!.price));
  await page.getByTestId("buy-button").click();
  await expect(page.getByTestId("confirm-price")).toHaveText(formatTonText(seller!.price));

  // Meanwhile the seller raises the price by 1 nanoTON... and 0.5 TON.
  const newPrice = seller!.price + TON / 2n + 1n;
  await callApi(request, seller!.id, "mutation", "listing.changePrice", { nftId, price: newPrice });

  await page.getByTestId("confirm-buy").click();
  await expect(page.getByTestId("price-changed")).toBeVisible();
  await expect(page.getByTestId("confirm-price")).toHaveText(formatTonText(newPrice));
  await page.getByTestId("confirm-buy").click();
  await expect(page.getByTestId("buy-success")).toBeVisible();
});

/** formatTon's text for an amount, for assertions (e.g. 2600000001n → "2.600000001 TON"). */
function formatTonText(nano: bigint): string {
  const whole = (nano / TON).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let frac = (nano % TON).toString().padStart(9, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return `${whole}.${frac} TON`;
}
