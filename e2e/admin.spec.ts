import { expect, test } from "@playwright/test";

import { blockExternalRequests } from "./support";

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
