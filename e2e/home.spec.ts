import { expect, test } from "@playwright/test";
import { blockExternalRequests, callApi, tonText } from "./support";

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test("home (the market) shows the signed-in dev user and their balance", async ({ page, request }) => {
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));

  await page.goto("/");

  await expect(page.getByTestId("user-name")).toHaveText("Dev");
  // The dev user's balance as the API has it (other tests buy and deposit meanwhile: compare, don't assume).
  const balance = async () => (await callApi<{ available: bigint }>(request, 1_000_001n, "query", "wallet.balance", undefined)).available;
  await expect(async () => expect(tonText(await page.getByTestId("balance-available").textContent())).toBe(await balance())).toPass();

  // The profile tab shows both balances.
  await page.getByTestId("nav-tabProfile").click();
  await expect(async () => expect(tonText(await page.getByTestId("balance-available").textContent())).toBe(await balance())).toPass();
  await expect(page.getByTestId("balance-locked")).toHaveText(/^\d[\d,]*\.\d{2,9} TON$/);

  await expect(page.getByTestId("error-state")).toHaveCount(0);
  await expect(page.getByText(/something went wrong|can't reach|couldn't confirm|open gift market from telegram/i)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test("health endpoint answers", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
