import { expect, test } from "@playwright/test";

import { blockExternalRequests, callApi, creditGift, newUser, phoneOf, signInAs } from "./support";

const TON = 1_000_000_000n;

test("a seller presells a gift with collateral and reprices it, a buyer pays into escrow, an admin delivers it: the seller gets the price minus the fee, the collateral back, the buyer the gift", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const seller = await newUser(page.request, 100n * TON);
  const buyer = await newUser(page.request, 100n * TON);
  const { items } = await callApi<{ items: { id: number; title: string }[] }>(page.request, seller, "query", "presale.gifts", undefined);
  const gift = items[0];
  expect(gift, "the seed has collections that cannot be transferred yet").toBeDefined();

  // The seller: 10 TON with 20% collateral, the 2 TON held and the deadline shown before it is created.
  await blockExternalRequests(page);
  await signInAs(page, seller);
  await page.goto("/presales");
  await page.getByTestId("tab-seller").click();
  await page.getByTestId("presale-new").click();
  const form = page.getByTestId("presale-create");
  await form.getByTestId("presale-create-gift").selectOption(String(gift!.id));
  await form.getByTestId("presale-create-price").fill("10");
  await form.getByTestId("presale-create-percent").fill("20");
  await expect(form.getByTestId("presale-create-held")).toHaveText("2.00 TON");
  await expect(form.getByTestId("presale-create-deadline")).not.toBeEmpty();
  await form.getByTestId("presale-create-review").click();
  const createSheet = page.getByTestId("presale-create-sheet");
  await expect(createSheet.getByTestId("presale-create-confirm-price")).toHaveText("10.00 TON");
  await expect(createSheet.getByTestId("presale-create-confirm-held")).toHaveText("2.00 TON");
  await createSheet.getByTestId("presale-create-confirm").click();
  await expect(createSheet).toBeHidden();
  const row = page.getByTestId("my-presale").first();
  await expect(row).toHaveAttribute("data-status", "ACTIVE");
  await expect(row.getByTestId("presale-price")).toHaveText("10.00 TON");
  await expect(page.getByTestId("balance-available")).toHaveText("98.00 TON");
  const presaleId = (await row.getAttribute("data-presale-id"))!;

  // A new price of 12: the collateral follows it, 0.40 TON more held.
  await row.getByTestId("presale-change-price").click();
  await row.getByTestId("presale-new-price").fill("12");
  await row.getByTestId("presale-price-review").click();
  const manage = page.getByTestId("presale-manage-sheet");
  await expect(manage.getByTestId("presale-confirm-new-price")).toHaveText("12.00 TON");
  await expect(manage.getByTestId("presale-collateral-delta")).toHaveText("0.40 TON");
  await manage.getByTestId("presale-manage-confirm").click();
  await expect(manage).toBeHidden();
  await expect(row.getByTestId("presale-price")).toHaveText("12.00 TON");
  await expect(page.getByTestId("balance-available")).toHaveText("97.60 TON");

  // The buyer finds it by its collection and pays 12 TON into escrow, the deadline and the collateral shown.
  const b = await phoneOf(browser, buyer);
  await b.goto("/presales");
  await b.locator(`[data-testid="presale-collection-chip"][data-gift-id="${gift!.id}"]`).click();
  await b.getByTestId("presale-sort").selectOption("newest");
  const offer = b.locator(`[data-testid="presale"][data-presale-id="${presaleId}"]`);
  await expect(offer.getByTestId("presale-price")).toHaveText("12.00 TON");
  await offer.getByTestId("presale-buy").click();
  const buySheet = b.getByTestId("presale-sheet");
  await expect(buySheet.getByTestId("presale-confirm-price")).toHaveText("12.00 TON");
  await expect(buySheet.getByTestId("presale-confirm-collateral")).toHaveText("2.40 TON (20%)");
  await expect(buySheet.getByTestId("presale-confirm-deadline")).not.toBeEmpty();
  await buySheet.getByTestId("presale-confirm").click();
  await expect(buySheet.getByTestId("presale-bought")).toBeVisible();
  await buySheet.getByTestId("presale-open-buying").click();
  const bought = b.locator(`[data-testid="my-presale"][data-presale-id="${presaleId}"]`);
  await expect(bought).toHaveAttribute("data-status", "SOLD");
  await expect(b.getByTestId("balance-available")).toHaveText("88.00 TON");

  // The gift reaches custody (an admin credit, as custody intake by hand), and the admin page delivers it.
  const nftId = await creditGift(page.request, seller, gift!.id);
  const admin = await phoneOf(browser, 1_000_001n); // the dev user is the admin in tests
  await admin.goto("/admin");
  const section = admin.getByTestId("admin-presale");
  // Picked from the presales awaiting delivery: that fills the presale and lists the seller's gifts.
  await section.locator(`[data-testid="deliver-presale-option"][data-presale-id="${presaleId}"]`).click();
  await expect(section.getByTestId("deliver-presale-id")).toHaveValue(presaleId);
  await expect(section.getByTestId("deliver-seller-id")).toHaveValue(seller.toString());
  await section.locator(`[data-testid="deliver-gift-option"][data-nft-id="${nftId}"]`).click();
  await expect(section.getByTestId("deliver-nft-id")).toHaveValue(nftId.toString());
  await section.getByTestId("deliver-review").click();
  const deliverSheet = admin.getByTestId("deliver-sheet");
  await expect(deliverSheet.getByTestId("deliver-amounts")).toContainText("11.40 TON"); // the amounts before confirming
  await expect(deliverSheet.getByTestId("deliver-amounts")).toContainText("2.40 TON");
  await deliverSheet.getByTestId("deliver-confirm").click();
  await expect(section.getByRole("status")).toContainText(`#${presaleId}`);
  await expect(section.getByRole("status")).toContainText("11.40 TON"); // 12 minus the 5% fee

  // The seller: 100 − 2.40 collateral + 11.40 + the 2.40 collateral back = 111.40, exactly price − fee more.
  await page.reload();
  await page.getByTestId("tab-seller").click();
  await expect(page.locator(`[data-testid="my-presale"][data-presale-id="${presaleId}"]`)).toHaveAttribute("data-status", "DELIVERED");
  await expect(page.getByTestId("balance-available")).toHaveText("111.40 TON");
  const balance = await callApi<{ available: bigint; locked: bigint }>(page.request, seller, "query", "wallet.balance", undefined);
  expect(balance).toEqual({ available: 111_400_000_000n, locked: 0n });

  // The buyer owns the gift: delivered in their presales, and in their profile.
  await b.reload();
  await b.getByTestId("tab-buyer").click();
  await expect(bought).toHaveAttribute("data-status", "DELIVERED");
  await expect(bought.getByTestId("presale-delivered-link")).toHaveAttribute("href", `/nft/${nftId}`);
  await b.goto("/profile");
  await expect(b.locator(`[data-testid="inventory-item"][data-nft-id="${nftId}"]`)).toBeVisible();
  await expect(b.getByTestId("balance-locked")).toHaveText("0.00 TON");
  for (const p of [b, admin]) await p.context().close();
});
