import { expect, test } from "@playwright/test";

import { blockExternalRequests, callApi, tonText } from "./support";

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

/** The local chain's faucet (the Playwright run starts the chain and the worker, as pnpm dev does). */
async function faucet(to: string, nano: bigint, comment: string) {
  const endpoint = process.env.TON_API_ENDPOINT;
  if (!endpoint) throw new Error("TON_API_ENDPOINT is not set: run the e2e tests through `pnpm test e2e`");
  const res = await fetch(new URL("/faucet", endpoint), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to, amount: nano.toString(), comment }) });
  expect(res.ok).toBe(true);
}

test("a deposit with the user's memo shows up in the balance and the history, with its transaction", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/profile");
  const address = (await page.getByTestId("deposit-address").textContent())!.trim();
  const memo = (await page.getByTestId("deposit-memo").textContent())!.trim();
  expect(memo).toMatch(/^gm-/);
  await expect(page.getByTestId("deposit-link")).toHaveAttribute("href", `ton://transfer/${address}?text=${encodeURIComponent(memo)}`);
  const before = tonText(await page.getByTestId("balance-available").textContent());

  const amount = 7_250_000_000n + BigInt(Math.floor(Math.random() * 1000) + 1); // this run's, to the nanoTON
  await faucet(address, amount, memo);
  // No reload: the balance on screen moves once the worker has credited the transfer, to what the API says.
  await expect(async () => {
    const shown = tonText(await page.getByTestId("balance-available").textContent());
    expect(shown).not.toBe(before);
    const api = await callApi<{ available: bigint }>(page.request, 1_000_001n, "query", "wallet.balance", undefined);
    expect(shown).toBe(api.available);
  }).toPass({ timeout: 30_000 });
  await page.getByTestId("tab-history").click();
  const whole = amount / 1_000_000_000n;
  const frac = (amount % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  const row = page.getByTestId("history-row").filter({ hasText: `+${whole}.${frac} TON` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Deposit");
  await expect(row.getByTestId("explorer-link")).toHaveAttribute("href", /tonviewer\.com\/transaction\/[0-9a-f]{64}$/);
});

test("a withdrawal shows its fee and total before confirming, then its transaction once the worker has sent it", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/profile");
  // Money for the hot wallet and the user: a deposit with the user's memo.
  const address = (await page.getByTestId("deposit-address").textContent())!.trim();
  const memo = (await page.getByTestId("deposit-memo").textContent())!.trim();
  const before = await callApi<{ available: bigint }>(page.request, 1_000_001n, "query", "wallet.balance", undefined);
  await faucet(address, 20_000_000_000n, memo);
  await expect(async () => {
    const now = await callApi<{ available: bigint }>(page.request, 1_000_001n, "query", "wallet.balance", undefined);
    expect(now.available).toBeGreaterThanOrEqual(before.available + 20_000_000_000n - 10_000_000_000n); // other tests spend meanwhile
  }).toPass({ timeout: 30_000 });

  const withdraw = page.getByTestId("withdraw");
  await withdraw.getByTestId("withdraw-amount").fill("2.5");
  await withdraw.getByTestId("withdraw-destination").fill(DESTINATION);
  await expect(withdraw.getByTestId("withdraw-fee")).toHaveText("0.05 TON");
  await expect(withdraw.getByTestId("withdraw-total")).toHaveText("2.55 TON");
  await withdraw.getByTestId("withdraw-review").click();
  const sheet = page.getByTestId("withdraw-sheet");
  await expect(sheet.getByTestId("withdraw-confirm-total")).toHaveText("2.55 TON");
  await expect(sheet.getByTestId("withdraw-confirm-destination")).toHaveText(DESTINATION);
  await sheet.getByTestId("withdraw-confirm").click();
  await expect(sheet.getByTestId("withdraw-success")).toBeVisible();
  await sheet.getByRole("button", { name: "Close" }).last().click();

  // The held total left the available balance (the screen agrees with the API); the row turns delivered with its transaction.
  await expect(async () => {
    const api = await callApi<{ available: bigint }>(page.request, 1_000_001n, "query", "wallet.balance", undefined);
    expect(tonText(await page.getByTestId("balance-available").textContent())).toBe(api.available);
  }).toPass({ timeout: 10_000 });
  const row = page.getByTestId("withdrawal-row").first();
  await expect(row).toHaveAttribute("data-status", "CONFIRMED", { timeout: 30_000 });
  await expect(row).toContainText("Delivered");
  await expect(row.getByTestId("withdrawal-explorer-link")).toHaveAttribute("href", /^https:\/\/testnet\.tonviewer\.com\/transaction\/[0-9a-f]{64}$/);
});

/** A wallet that exists only for this test (non-bounceable testnet form): it keeps what it receives. */
const DESTINATION = "0QBaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWr2l";
