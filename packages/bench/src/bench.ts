// `pnpm bench`: the market against the product's performance bars (docs/operations.md), measured beside PostgreSQL's own limits in one run.
//   market.search (three filter/sort mixes) over HTTP   vs   the same SQL through pgbench -f
//     (each twice: as served, where readers share a page, and with the page cache off)
//   listing.buy over HTTP                               vs   pgbench TPC-B
// on the bench seed (1,000,000 NFTs, 200,000 listings, 1,000,000 sales), real PostgreSQL and Redis,
// at concurrency 32. Prints throughput, p50/p95/p99, the ratios, and each search's plan.
//   the worker's TON pipeline on the local chain (./ton.ts): deposits credited from a backlog of 10,000,
//   withdrawals sent and confirmed per minute
//   auction.bid on one hot auction and offer.accept (./trade.ts)
// Options: --duration <s> (default 10), --concurrency <n> (default 32), --reseed, --only search|buy|ton|trade, --nfts N,
// --deposits N (default 10,000), --withdrawals N (default 1,000),
// --json FILE (a summary: scenarios with rps, p50/p95/p99, the baseline and the ratio).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import superjson from "superjson";
import { signInitData } from "@gm/api";
import { searchMarketSql, type SearchMarketInput } from "@gm/core";
import { createUsers } from "@gm/core/testing";
import { createDatabase as connect, readDbConfig } from "@gm/db";
import { inlineParameters, pgbenchScript, pgbenchTpcb, requireWrk, wrk, type LoadResult } from "./load";
import { benchTon, type TonBenchResult } from "./ton";
import { apiServers } from "./api-process";
import { benchTrade, printTrade } from "./trade";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const DURATION_MS = opt("duration", 10) * 1000;
const CONCURRENCY = opt("concurrency", 32);
const RESEED = args.includes("--reseed");
const ONLY = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const JSON_FILE = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
/** --nfts N: the bench seed scaled to N NFTs (a database of its own), to see how cost grows with the data. */
const NFTS = opt("nfts", 1_000_000);
/** The API runs as in production (output validation off, production errors): a bot token of its own. */
const BENCH_BOT_TOKEN = "1000000002:BENCH-gift-market-only-for-the-benchmark";
const TON = 1_000_000_000n;

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const benchDbName = process.env.BENCH_DATABASE ?? (NFTS === 1_000_000 ? "gm_bench" : `gm_bench_${NFTS}`);
const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};
const benchUrl = withDb(serverUrl, benchDbName);

const log = (msg: string) => console.log(`\x1b[36m[bench]\x1b[0m ${msg}`);

function run(cmd: string, argv: string[], env: Record<string, string> = {}) {
  execFileSync(cmd, argv, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
}

// ───────────────────────── database and seed ─────────────────────────

async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [benchDbName])).rowCount === 1;
  let seeded = false;
  if (exists && !RESEED) {
    const c = new pg.Client({ connectionString: benchUrl });
    await c.connect();
    seeded = await c
      .query<{ n: string }>("SELECT count(*) AS n FROM nfts")
      .then((r) => Number(r.rows[0]!.n) >= NFTS)
      .catch(() => false);
    await c.end();
  }
  if (!seeded) {
    await admin.query(`DROP DATABASE IF EXISTS "${benchDbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${benchDbName}"`);
  }
  await admin.end();
  if (seeded) return log(`reusing the seeded database ${benchDbName} (--reseed to rebuild it)`);
  run(process.execPath, ["packages/db/scripts/migrate.mjs", "deploy"], { DATABASE_URL: benchUrl });
  const t0 = performance.now();
  run("pnpm", ["--filter", "@gm/seed", "--silent", "seed:bench", ...(NFTS === 1_000_000 ? [] : ["--nfts", String(NFTS)])], { DATABASE_URL: benchUrl });
  log(`bench seed took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// ───────────────────────── plans ─────────────────────────

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode, out: string[] = []): string[] {
  if (node["Relation Name"] === "nfts" || node["Index Name"]?.startsWith("nfts")) out.push(node["Index Name"] ? `${node["Node Type"]} using ${node["Index Name"]}` : `${node["Node Type"]} on ${node["Relation Name"]}`);
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

// ───────────────────────── main ─────────────────────────

async function tonOnly() {
  const ton = await benchTon({ root, serverUrl, redisUrl, deposits: opt("deposits", 10_000), withdrawals: opt("withdrawals", 1000), log });
  printTon(ton);
  if (ton.ledger !== "ok") process.exitCode = 1;
  if (JSON_FILE) writeFileSync(JSON_FILE, `${JSON.stringify({ ton }, null, 2)}\n`);
}

async function tradeOnly() {
  requireWrk();
  const trade = await benchTrade({ root, serverUrl, redisUrl, botToken: BENCH_BOT_TOKEN, seconds: Math.round(DURATION_MS / 1000), concurrency: CONCURRENCY, log });
  printTrade(trade);
  if (trade.ledger !== "ok") process.exitCode = 1;
  if (JSON_FILE) writeFileSync(JSON_FILE, `${JSON.stringify({ trade }, null, 2)}\n`);
}

function printTon(ton: TonBenchResult) {
  console.log(`\nTON on the local chain (the worker process, real PostgreSQL):`);
  console.log(`  deposits credited from a backlog of ${ton.deposits.count}: ${ton.deposits.seconds.toFixed(2)} s, ${ton.deposits.perSecond.toFixed(0)}/s (aim: all within 20 s)`);
  console.log(`  withdrawals sent and confirmed: ${ton.withdrawals.count} in ${ton.withdrawals.seconds.toFixed(2)} s, ${ton.withdrawals.perMinute.toFixed(0)}/min, ${ton.withdrawals.transfers} transfers`);
  console.log(`  ledger after it: ${ton.ledger === "ok" ? "OK, zero drift" : "DRIFT"}`);
}

async function main() {
  if (ONLY === "ton") return tonOnly();
  if (ONLY === "trade") return tradeOnly();
  requireWrk();
  log(`concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per scenario; PostgreSQL ${new URL(serverUrl).host}, Redis ${new URL(redisUrl).host}; HTTP load from wrk, raw SQL from pgbench`);
  await prepareDatabase();

  const db = connect({ ...readDbConfig({ ...process.env, DATABASE_URL: benchUrl }), DB_POOL_SIZE: 2, DB_POOL_OVERFLOW: 0 });
  const raw = new pg.Pool({ connectionString: benchUrl, max: CONCURRENCY });

  // Search mixes: the market home page; one collection narrowed by models; several collections by backdrop and price.
  const gifts = await raw.query<{ id: number }>("SELECT gift_id AS id FROM nfts WHERE status = 'LISTED' GROUP BY gift_id ORDER BY count(*) DESC LIMIT 3");
  const [g1, g2, g3] = gifts.rows.map((r) => r.id);
  const models = (await raw.query<{ model: string }>("SELECT model FROM nfts WHERE status = 'LISTED' AND gift_id = $1 GROUP BY model ORDER BY count(*) DESC LIMIT 2", [g1])).rows.map((r) => r.model);
  const backdrops = (await raw.query<{ backdrop: string }>("SELECT backdrop FROM nfts WHERE status = 'LISTED' AND gift_id = ANY($1) GROUP BY backdrop ORDER BY count(*) DESC LIMIT 3", [[g1, g2, g3]])).rows.map((r) => r.backdrop);
  const mixes: { name: string; input: SearchMarketInput }[] = [
    { name: "all listed, price ↑", input: { sort: "price_asc", limit: 24 } },
    { name: "1 collection + 2 models, price ↓", input: { giftIds: [g1!], models, sort: "price_desc", limit: 24 } },
    { name: "3 collections + 3 backdrops + price range, newest", input: { giftIds: [g1!, g2!, g3!], backdrops, priceMin: 1n * TON, priceMax: 5000n * TON, sort: "listed_desc", limit: 24 } },
  ];

  console.log("\nPlans on the bench seed (EXPLAIN ANALYZE):");
  for (const mix of mixes) {
    const sql = searchMarketSql(mix.input);
    const plan = await raw.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.sql}`, sql.values);
    const root0 = (plan.rows[0]["QUERY PLAN"] as { Plan: PlanNode; "Execution Time": number }[])[0]!;
    console.log(`  ${mix.name.padEnd(50)} ${root0["Execution Time"].toFixed(2)} ms  ${[...new Set(scansOf(root0.Plan))].join(", ")}`);
  }

  // Buyers: fresh users funded through the ledger; the listings they will buy, each once.
  const buyers = await createUsers(db.prisma, 4000, 100_000n * TON);
  const listings = (await raw.query<{ id: string; price: string }>("SELECT id, price FROM nfts WHERE status = 'LISTED' ORDER BY random() LIMIT 60000")).rows;

  const api = apiServers({ root, databaseUrl: benchUrl, redisUrl, botToken: BENCH_BOT_TOKEN, concurrency: CONCURRENCY });
  const startServer = api.start;
  const base = await startServer();
  // The same API with the page cache off: what a search costs when no reader shares its page.
  const uncached = ONLY === "buy" ? base : await startServer({ SEARCH_PAGE_CACHE_MS: "0" });

  const scenarios: Scenario[] = [];
  const seconds = Math.round(DURATION_MS / 1000);
  try {
    const reader = `tma ${signInitData(BENCH_BOT_TOKEN, { id: buyers[0]!, firstName: "Bench" })}`;
    const searchUrl = (input: SearchMarketInput, on = base) => `${on}/api/trpc/market.search?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    for (const mix of ONLY === "buy" ? [] : mixes) {
      // Warm: connections, plan caches, the JIT.
      wrk("warm-up", searchUrl(mix.input), { seconds: 2, connections: CONCURRENCY, headers: { authorization: reader } });
      const overHttp = wrk(`market.search: ${mix.name}`, searchUrl(mix.input), { seconds, connections: CONCURRENCY, headers: { authorization: reader } });
      const sql = searchMarketSql(mix.input);
      const raw = pgbenchScript(`raw SQL (pgbench -f): ${mix.name}`, benchUrl, inlineParameters(sql.sql, sql.values), { seconds, clients: CONCURRENCY });
      scenarios.push({ ...overHttp, baseline: raw });
      const single = wrk(`market.search: ${mix.name}, concurrency 1`, searchUrl(mix.input), { seconds: Math.min(5, seconds), connections: 1, headers: { authorization: reader } });
      scenarios.push(single);
      // The same page from the API without its page cache: every request runs the query.
      wrk("warm-up", searchUrl(mix.input, uncached), { seconds: 2, connections: CONCURRENCY, headers: { authorization: reader } });
      const misses = wrk(`market.search: ${mix.name}, page cache off`, searchUrl(mix.input, uncached), { seconds, connections: CONCURRENCY, headers: { authorization: reader } });
      scenarios.push({ ...misses, baseline: raw });
      scenarios.push(wrk(`market.search: ${mix.name}, page cache off, concurrency 1`, searchUrl(mix.input, uncached), { seconds: Math.min(5, seconds), connections: 1, headers: { authorization: reader } }));
    }

    if (ONLY !== "search") {
      // Every purchase a different listing, buyers in turn (each under the 10-a-minute limit).
      const data = path.join(tmpdir(), `gm-bench-buy-${process.pid}.lua`);
      const auths = buyers.map((id) => `tma ${signInitData(BENCH_BOT_TOKEN, { id, firstName: `Buyer ${id}` })}`);
      writeFileSync(
        data,
        `return { listings = {${listings.map((l) => `{"${l.id}","${l.price}"}`).join(",")}}, auths = {${auths.map((a) => JSON.stringify(a)).join(",")}} }`,
      );
      let offset = 0;
      const buyScript = () => {
        const script = `
local data = dofile("${data}")
local n = ${offset}
request = function()
  n = n + 1
  local l = data.listings[(n % #data.listings) + 1]
  local body = string.format('{"json":{"idempotencyKey":"bench-${process.pid}-%d","nftId":"%s","price":"%s"},"meta":{"values":{"nftId":["bigint"],"price":["bigint"]}}}', n, l[1], l[2])
  return wrk.format("POST", "/api/trpc/listing.buy", { ["content-type"] = "application/json", ["authorization"] = data.auths[(n % #data.auths) + 1] }, body)
end`;
        offset += 25_000; // the next run starts on listings this one could not have reached
        return script;
      };
      const buy = wrk("listing.buy", `${base}/api/trpc/listing.buy`, { seconds, connections: CONCURRENCY, script: buyScript() });
      log("running pgbench TPC-B (scale 10)…");
      const tpcb = pgbenchTpcb(withDb(serverUrl, "gm_pgbench"), { seconds, clients: CONCURRENCY });
      scenarios.push({ ...buy, baseline: tpcb });
      scenarios.push(wrk("listing.buy, concurrency 1", `${base}/api/trpc/listing.buy`, { seconds: Math.min(5, seconds), connections: 1, script: buyScript() }));
    }

    console.log(`\n${"scenario".padEnd(66)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"err".padStart(5)} ${"baseline req/s".padStart(15)} ${"ratio".padStart(6)}`);
    for (const r of scenarios) {
      const ratio = r.baseline ? (r.rps / r.baseline.rps).toFixed(2) : "";
      console.log(
        `${r.name.padEnd(66)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(5)} ${(r.baseline ? r.baseline.rps.toFixed(0) : "").padStart(15)} ${ratio.padStart(6)}`,
      );
    }
    for (const r of scenarios) if (r.baseline) console.log(`  baseline of "${r.name}": ${r.baseline.name}`);
    const ton = ONLY ? null : await benchTon({ root, serverUrl, redisUrl, deposits: opt("deposits", 10_000), withdrawals: opt("withdrawals", 1000), log });
    if (ton) printTon(ton);
    if (ton && ton.ledger !== "ok") process.exitCode = 1;
    const trade = ONLY ? null : await benchTrade({ root, serverUrl, redisUrl, botToken: BENCH_BOT_TOKEN, seconds, concurrency: CONCURRENCY, log });
    if (trade) printTrade(trade);
    if (trade && trade.ledger !== "ok") process.exitCode = 1;
    const check = await import("@gm/core").then((m) => m.checkLedger(db.prisma));
    console.log(`\nLedger after the run: ${check.ok ? "OK, zero drift" : "DRIFT"} (${check.movements} movements)`);
    if (!check.ok) process.exitCode = 1;
    if (JSON_FILE) {
      const summary = {
        scenarios: scenarios.map((r) => ({
          name: r.name,
          rps: round(r.rps),
          p50_ms: round(r.p50),
          p95_ms: round(r.p95),
          p99_ms: round(r.p99),
          errors: r.errors,
          baseline: r.baseline ? { name: r.baseline.name, rps: round(r.baseline.rps) } : null,
          ratio: r.baseline ? round(r.rps / r.baseline.rps) : null,
        })),
        ledger: check.ok ? "ok" : "drift",
        ton,
        trade,
      };
      writeFileSync(JSON_FILE, `${JSON.stringify(summary, null, 2)}\n`);
      log(`summary written to ${JSON_FILE}`);
    }
  } finally {
    api.stopAll();
    await raw.end();
    await db.close();
  }
}

interface Scenario extends LoadResult {
  baseline?: LoadResult;
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

await main();
process.exit(process.exitCode ?? 0);
