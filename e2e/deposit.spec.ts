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
