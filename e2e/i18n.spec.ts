import { expect, test, type Page } from "@playwright/test";

import { blockExternalRequests, callApi } from "./support";

const DEV = 1_000_001n;

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

/** The language the user chose in the profile, as the app remembers it on this device. */
async function chooseRussianBeforeLoad(page: Page) {
  await page.addInitScript(() => window.localStorage.setItem("gm.locale", "ru"));
}

test("the profile's language switch turns the app Russian, is remembered, and turns it back", async ({ page }) => {
  await page.goto("/profile");
  await expect(page.getByTestId("nav-tabMarket")).toHaveText(/Market/);
  await page.getByTestId("language-ru").click();
  await expect(page.getByTestId("nav-tabMarket")).toHaveText(/Маркет/);
  await expect(page.getByTestId("language-ru")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await page.reload();
  await expect(page.getByTestId("nav-tabProfile")).toHaveText(/Профиль/);
  await page.goto("/");
  await expect(page.getByTestId("nav-tabActivity")).toHaveText(/Активность/);

  await page.goto("/profile");
  await page.getByTestId("language-en").click();
  await expect(page.getByTestId("nav-tabMarket")).toHaveText(/Market/);
});

test("the market in Russian, and a refusal of the server said in Russian", async ({ page, request }) => {
  await chooseRussianBeforeLoad(page);
  await page.goto("/");
  await expect(page.getByTestId("market-grid")).toBeVisible();
  await expect(page.getByTestId("nav-tabMarket")).toHaveText(/Маркет/);
  await expect(page.getByTestId("sort-select").locator("option[value=price_asc]")).toHaveText("Сначала дешёвые");

  // One of the dev user's own listed gifts, open in the app…
  const own = await callApi<{ items: { id: bigint; price: bigint }[] }>(request, DEV, "query", "market.search", { ownerId: DEV, listedOnly: true, limit: 10 });
  const gift = own.items.at(-1);
  expect(gift, "the dev seed lists some of the dev user's gifts").toBeDefined();
  await page.goto(`/nft/${gift!.id}`);
  await expect(page.getByTestId("owner-panel")).toBeVisible();
  // …taken off sale meanwhile (another device): changing its price is refused, and the refusal is Russian.
  await callApi(request, DEV, "mutation", "listing.delist", { nftId: gift!.id });
  await page.getByTestId("list-price").fill("3.5");
  await page.getByTestId("change-price").click();
  await expect(page.getByTestId("owner-panel")).toContainText("Этот подарок не продаётся.");
  await expect(page.getByTestId("owner-panel")).not.toContainText("This gift is not listed");
});
