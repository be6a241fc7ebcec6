import type { APIRequestContext, Page } from "@playwright/test";
import { sign } from "@tma.js/init-data-node";
import superjson from "superjson";

// The app's own money parser (BigInt nanoTON, no floats), shared with the Mini App through @gm/api/client.
import { parseTon } from "@gm/api/client";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The app must work with no internet: anything not served by the app itself is aborted. */
export async function blockExternalRequests(page: Page): Promise<void> {
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || LOCAL_HOSTS.has(url.hostname)) {
      await route.continue();
    } else {
      await route.abort("blockedbyclient");
    }
  });
}

/** "1,234.50 TON" (as formatTon shows it) → 1234500000000n, exactly. */
export function tonText(text: string | null): bigint {
  if (text === null) throw new Error("no amount on the page");
  return parseTon(text.replace(/\s*TON\s*$/, "").replace(/,/g, "").trim());
}

/** The dev user's available balance, as the Profile screen shows it. */
export async function availableBalance(page: Page): Promise<bigint> {
  await page.goto("/profile");
  const el = page.getByTestId("balance-available");
  await el.waitFor();
  return tonText(await el.textContent());
}

/** The dev bot token (public, development and tests only): lets a test act as any seeded user over HTTP. */
const DEV_BOT_TOKEN = "1000000001:DEV-gift-market-not-a-secret";

/** Calls a tRPC procedure over HTTP as Telegram user `userId` (init data signed like Telegram does). */
export async function callApi<T>(request: APIRequestContext, userId: bigint, kind: "query" | "mutation", path: string, input: unknown): Promise<T> {
  const initData = sign({ user: { id: Number(userId), first_name: `User ${userId}` } }, DEV_BOT_TOKEN, new Date());
  const headers = { Authorization: `tma ${initData}` };
  const encoded = superjson.serialize(input);
  const res =
    kind === "query"
      ? await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(encoded))}`, { headers })
      : await request.post(`/api/trpc/${path}`, { headers, data: encoded });
  const body = (await res.json()) as { result?: { data: { json: unknown; meta?: unknown } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error ?? body)}`);
  return superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]) as T;
}
