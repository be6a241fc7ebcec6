import { type APIRequestContext, type Browser, devices, type Page, test } from "@playwright/test";
import { sign } from "@tma.js/init-data-node";
import pg from "pg";
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

/** Init data of Telegram user `userId`, signed like Telegram does (with the public dev bot token). */
function initDataOf(userId: bigint): string {
  return sign({ user: { id: Number(userId), first_name: `User ${userId}` } }, DEV_BOT_TOKEN, new Date());
}

/**
 * Opens the Mini App in `page` as Telegram user `userId` instead of the dev user: the mocked Telegram
 * environment takes its init data from /api/dev/init-data, answered here for that user. Call after
 * blockExternalRequests (the route registered last wins).
 */
export async function signInAs(page: Page, userId: bigint): Promise<void> {
  await page.route("**/api/dev/init-data", (route) => route.fulfill({ status: 200, contentType: "text/plain", body: initDataOf(userId) }));
}

const DEV = 1_000_001n;
// This run's block of Telegram ids: users no earlier run made, with no balance and no gifts.
const RUN_BASE = 7_800_000_000n + BigInt(Date.now() % 10_000_000) * 100n;
let made = 0n;

/**
 * A new user of this run, signed up (auth.me) and given `balance` by an admin adjustment (the dev user
 * is an admin in tests).
 */
export async function newUser(request: APIRequestContext, balance = 0n): Promise<bigint> {
  const id = RUN_BASE + made++;
  await callApi(request, id, "query", "auth.me", undefined);
  if (balance > 0n) await callApi(request, DEV, "mutation", "admin.adjustBalance", { idempotencyKey: `e2e-fund-${id}`, userId: id, amount: balance, reason: "e2e user funds" });
  return id;
}

/** A new gift in `userId`'s custody (admin.creditNft), by id: of collection `giftId`, else of a transferable one. */
export async function creditGift(request: APIRequestContext, userId: bigint, giftId?: number): Promise<bigint> {
  if (giftId === undefined) {
    const gifts = await callApi<{ id: number; transferableAt: Date | null }[]>(request, DEV, "query", "admin.gifts", undefined);
    const gift = gifts.find((g) => g.transferableAt !== null && g.transferableAt.getTime() <= Date.now());
    if (!gift) throw new Error("no transferable collection in the seed");
    giftId = gift.id;
  }
  const nft = await callApi<{ id: bigint }>(request, DEV, "mutation", "admin.creditNft", { idempotencyKey: `e2e-credit-${userId}-${Date.now()}`, userId, giftId });
  return nft.id;
}

/** A phone of its own (a new browser context, as the project's device) with the Mini App signed in as `userId`. */
export async function phoneOf(browser: Browser, userId: bigint): Promise<Page> {
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL: test.info().project.use.baseURL, serviceWorkers: "block" });
  const page = await context.newPage();
  await blockExternalRequests(page);
  await signInAs(page, userId);
  return page;
}

/**
 * SQL on the e2e database (the DATABASE_URL the run migrated), for what a test cannot wait for, such as
 * an auction's end. Everything a user does goes through the app or the API instead.
 */
export async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Calls a tRPC procedure over HTTP as Telegram user `userId` (init data signed like Telegram does). */
export async function callApi<T>(request: APIRequestContext, userId: bigint, kind: "query" | "mutation", path: string, input: unknown): Promise<T> {
  const headers = { Authorization: `tma ${initDataOf(userId)}` };
  const encoded = superjson.serialize(input);
  const res =
    kind === "query"
      ? await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(encoded))}`, { headers })
      : await request.post(`/api/trpc/${path}`, { headers, data: encoded });
  const body = (await res.json()) as { result?: { data: { json: unknown; meta?: unknown } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error ?? body)}`);
  return superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]) as T;
}
