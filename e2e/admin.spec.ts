import { expect, type Page, test } from "@playwright/test";

import { blockExternalRequests, callApi, creditGift, newUser, tonText } from "./support";

const DEV_USER_ID = "1000001";

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test("an admin credits a gift to the dev user, who then finds it in the profile", async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));

  await page.goto("/admin");
  await expect(page.getByTestId("admin")).toBeVisible();
  await expect(page.getByTestId("users-table")).toBeVisible();

  await page.getByTestId("credit-user").fill(DEV_USER_ID);
  const gift = page.getByTestId("credit-gift");
  await expect(gift.locator("option")).not.toHaveCount(1);
  await gift.selectOption({ index: 1 });
  await page.getByTestId("credit-submit").click();

  const result = page.getByTestId("credit-result");
  await expect(result).toBeVisible();
  const number = await result.getAttribute("data-nft-number");
  const nftId = await result.getAttribute("data-nft-id");
  expect(number).toMatch(/^\d+$/);
  await expect(result).toContainText(`#${number}`);

  await page.goto("/profile");
  const item = page.getByTestId("inventory").locator(`[data-testid="inventory-item"][data-nft-id="${nftId}"]`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId("nft-number")).toHaveText(`#${number}`);

  expect(pageErrors).toEqual([]);
});

test("the admin page shows the fee in percent, the audit log and tasks", async ({ page }) => {
  await page.goto("/admin");
  await expect(page.getByTestId("fee-input")).toHaveValue(/^\d{1,2}\.\d{2}$/);
  await expect(page.getByText(/audit log/i)).toBeVisible();
  await expect(page.getByText(/background tasks/i)).toBeVisible();
});

/** The last-24h row of `event`: its count and its volume in nanoTON, as the Operations section shows them. */
async function last24h(page: Page, event: string): Promise<{ count: number; volume: bigint }> {
  const row = page.locator(`[data-testid="ops-event"][data-event="${event}"]`);
  await expect(row).toBeVisible();
  const count = Number(await row.getByTestId("ops-count").textContent());
  expect(await row.getAttribute("data-count")).toBe(String(count));
  return { count, volume: tonText(await row.getByTestId("ops-volume").textContent()) };
}

test("Operations: this instance is ready, and a purchase shows in the last 24 hours", async ({ page, request }) => {
  test.setTimeout(60_000);
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));

  // A gift listed by a new seller, and a new buyer with the money for it.
  const price = 3_210_000_000n;
  const seller = await newUser(request);
  const buyer = await newUser(request, 10_000_000_000n);
  const nftId = await creditGift(request, seller);
  await callApi(request, seller, "mutation", "listing.list", { nftId, price });

  await page.goto("/admin");
  const ops = page.getByTestId("admin-operations");
  await expect(ops.getByRole("heading", { name: "Operations" })).toBeVisible();

  // Readiness of this instance (GET /api/ready): ready, with the database check passing.
  const readiness = page.getByTestId("readiness");
  await expect(readiness).toHaveAttribute("data-ready", "true");
  await expect(readiness.getByTestId("readiness-status")).toHaveText("Ready");
  const database = readiness.locator('[data-testid="readiness-check"][data-check="database"]');
  await expect(database).toHaveAttribute("data-ok", "true");
  await expect(database.getByTestId("check-status")).toHaveText("OK");
  await expect(database.getByTestId("check-latency")).toHaveText(/^[\d,]+ ms$/);
  await expect(database.getByTestId("check-error")).toHaveCount(0);
  // The TON API's breaker, as readiness reports it: closed with the e2e chain (never open or failing); a
  // server started without TON (reused outside `pnpm test`) says "not configured".
  await expect(page.getByTestId("ton-breaker")).toHaveAttribute("data-state", process.env.TON_API_ENDPOINT ? "closed" : /^(closed|off)$/);

  // The pipeline and the background tasks are there (the worker may not have reported yet on a fresh run).
  await expect(page.getByTestId("pipeline-pending")).toHaveAttribute("data-count", /^\d+$/);
  await expect(page.getByTestId("pipeline-deposits")).toBeVisible();
  await expect(page.getByTestId("admin-tasks")).toBeVisible();

  // Every event has its row, 0 when it did not happen.
  await expect(page.getByTestId("ops-event")).toHaveCount(10);
  const before = await last24h(page, "sale");

  await callApi(request, buyer, "mutation", "listing.buy", { idempotencyKey: `e2e-ops-buy-${nftId}`, nftId, price });

  // Other tests trade at the same time: at least this sale more, and at least its price more volume.
  await expect(async () => {
    await page.reload();
    const after = await last24h(page, "sale");
    expect(after.count).toBeGreaterThanOrEqual(before.count + 1);
    expect(after.volume - before.volume >= price).toBe(true);
  }).toPass({ timeout: 20_000 });

  expect(pageErrors).toEqual([]);
});
