// `pnpm bench:first-load`: what the Mini App costs a phone on first open. For each screen of the
// production build: the JavaScript transferred (gzipped, as the server sends it, and unpacked) before
// the screen shows its content, and the time to that content, on a throttled mobile profile
// (Chromium with CDP: ~1.6 Mbit/s down, 150 ms round trips, 4× slower CPU). Median of --runs (3).
// Needs the built app (`pnpm --filter @gm/web build`, run here when missing), PostgreSQL and Redis.
// Options: --runs N, --json FILE, --no-throttle.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, devices, type CDPSession, type Page } from "@playwright/test";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const args = process.argv.slice(2);
const RUNS = args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 3;
const JSON_FILE = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
const THROTTLE = !args.includes("--no-throttle");

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const dbName = "gm_first_load";
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const log = (msg: string) => console.log(`\x1b[36m[first-load]\x1b[0m ${msg}`);
const run = (cmd: string, argv: string[], env: Record<string, string> = {}) => execFileSync(cmd, argv, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });

/** A database with the dev seeds, made once and reused. */
async function prepareDatabase() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  if (exists) return log(`reusing ${dbName}`);
  run(process.execPath, ["packages/db/scripts/migrate.mjs", "deploy"], { DATABASE_URL: dbUrl });
  run("pnpm", ["--filter", "@gm/seed", "--silent", "seed"], { DATABASE_URL: dbUrl });
  run("pnpm", ["--filter", "@gm/seed", "--silent", "seed:market"], { DATABASE_URL: dbUrl });
}

async function startWeb(port: number) {
  // NODE_ENV=test: the production build with the mocked Telegram environment (as the Playwright tests).
  const server = spawn(process.execPath, ["apps/web/server/main.mjs"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", PORT: String(port), DATABASE_URL: dbUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `gm-first-load-${process.pid}:`, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.ok, () => false);
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  server.kill("SIGKILL");
  throw new Error("the web server did not become ready");
}

interface Screen {
  name: string;
  path: string | (() => Promise<string>);
  /** What the user waits for: the screen's content, not its skeleton. */
  ready: string;
}

interface Sample {
  jsGzip: number;
  jsRaw: number;
  prefetchGzip: number;
  readyMs: number;
}

async function measure(page: Page, cdp: CDPSession, url: string, ready: string): Promise<Sample> {
  // First-load JS is what the page's HTML loads (initiator "parser"). Scripts loaded by scripts are
  // prefetches of other screens (Next prefetches the tab bar's routes) or lazy parts: counted apart.
  const later = new Set<string>();
  const scripts = new Map<string, { encoded: number; decoded: number; prefetch: boolean }>();
  const onRequest = (e: { requestId: string; initiator: { type: string } }) => {
    if (e.initiator.type !== "parser") later.add(e.requestId);
  };
  const onResponse = (e: { requestId: string; type?: string }) => {
    if (e.type === "Script") scripts.set(e.requestId, { encoded: 0, decoded: 0, prefetch: later.has(e.requestId) });
  };
  const onData = (e: { requestId: string; dataLength: number }) => {
    const s = scripts.get(e.requestId);
    if (s) s.decoded += e.dataLength;
  };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    const s = scripts.get(e.requestId);
    if (s) s.encoded = e.encodedDataLength;
  };
  cdp.on("Network.requestWillBeSent", onRequest);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.dataReceived", onData);
  cdp.on("Network.loadingFinished", onFinished);
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction((sel) => document.querySelector(sel) !== null, ready, { polling: "raf", timeout: 120_000 });
  const readyMs = await page.evaluate(() => performance.now());
  cdp.off("Network.requestWillBeSent", onRequest);
  cdp.off("Network.responseReceived", onResponse);
  cdp.off("Network.dataReceived", onData);
  cdp.off("Network.loadingFinished", onFinished);
  const needed = [...scripts.values()].filter((x) => !x.prefetch);
  const prefetched = [...scripts.values()].filter((x) => x.prefetch);
  return {
    jsGzip: needed.reduce((s, x) => s + x.encoded, 0),
    jsRaw: needed.reduce((s, x) => s + x.decoded, 0),
    prefetchGzip: prefetched.reduce((s, x) => s + x.encoded, 0),
    readyMs,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await prepareDatabase();
  if (!existsSync(path.join(root, "apps/web/.next/BUILD_ID"))) run("pnpm", ["--filter", "@gm/web", "build"]);
  const port = 3700 + Math.floor(Math.random() * 100);
  const server = await startWeb(port);
  const base = `http://127.0.0.1:${port}`;
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const anyListed = async () => `/nft/${(await db.query<{ id: string }>("SELECT id FROM nfts WHERE status = 'LISTED' ORDER BY id LIMIT 1")).rows[0]!.id}`;
  const screens: Screen[] = [
    { name: "market (/)", path: "/", ready: '[data-testid="nft-card"]' },
    { name: "gift (/nft/[id])", path: anyListed, ready: '[data-testid="nft-price"]' },
    { name: "activity", path: "/activity", ready: '[data-testid="activity-row"]' },
    { name: "profile", path: "/profile", ready: '[data-testid="balance-available"]' },
    { name: "admin", path: "/admin", ready: '[data-testid="users-table"]' },
  ];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const results: { name: string; jsGzipKB: number; jsKB: number; prefetchGzipKB: number; readyMs: number }[] = [];
  try {
    log(`${RUNS} cold loads per screen${THROTTLE ? ", throttled: 1.6 Mbit/s, 150 ms RTT, CPU ×4" : ", unthrottled"}`);
    for (const screen of screens) {
      const url = base + (typeof screen.path === "string" ? screen.path : await screen.path());
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh context each time: an empty cache, like a first open.
        const context = await browser.newContext({ ...devices["Pixel 7"] });
        await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (r) => r.abort("blockedbyclient")); // offline but for the app
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        if (THROTTLE) {
          await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        }
        samples.push(await measure(page, cdp, url, screen.ready));
        await context.close();
      }
      const r = { name: screen.name, jsGzipKB: median(samples.map((s) => s.jsGzip)) / 1024, jsKB: median(samples.map((s) => s.jsRaw)) / 1024, prefetchGzipKB: median(samples.map((s) => s.prefetchGzip)) / 1024, readyMs: median(samples.map((s) => s.readyMs)) };
      results.push(r);
      log(`${r.name.padEnd(20)} JS ${r.jsGzipKB.toFixed(1).padStart(7)} KB gzipped (${r.jsKB.toFixed(0)} KB unpacked; ${r.prefetchGzipKB.toFixed(1)} KB loaded later: prefetches, lazy parts), content after ${r.readyMs.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await db.end();
    server.kill("SIGTERM");
  }
  console.log(`\n${"screen".padEnd(20)} ${"JS gzip KB".padStart(11)} ${"JS KB".padStart(8)} ${"later KB".padStart(12)} ${"content ms".padStart(11)}`);
  for (const r of results) console.log(`${r.name.padEnd(20)} ${r.jsGzipKB.toFixed(1).padStart(11)} ${r.jsKB.toFixed(0).padStart(8)} ${r.prefetchGzipKB.toFixed(1).padStart(12)} ${r.readyMs.toFixed(0).padStart(11)}`);
  if (JSON_FILE) writeFileSync(JSON_FILE, `${JSON.stringify({ throttled: THROTTLE, runs: RUNS, screens: results }, null, 2)}\n`);
}

await main();
process.exit(0);
