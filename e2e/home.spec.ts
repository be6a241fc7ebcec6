import { expect, test } from "@playwright/test";
import { blockExternalRequests } from "./support";

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test("home (the market) shows the signed-in dev user and their balance", async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));

  await page.goto("/");

  await expect(page.getByTestId("user-name")).toHaveText("Dev");
  await expect(page.getByTestId("balance-available")).toHaveText("1,000.00 TON");

  // The profile tab shows both balances.
  await page.getByTestId("nav-tabProfile").click();
  await expect(page.getByTestId("balance-available")).toHaveText("1,000.00 TON");
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
