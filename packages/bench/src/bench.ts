// `pnpm bench`: the market against the product's performance bars (docs/operations.md), measured beside PostgreSQL's own limits in one run.
//   market.search (three filter/sort mixes) over HTTP   vs   the same SQL through pg directly
//   listing.buy over HTTP                               vs   pgbench TPC-B
// on the bench seed (1,000,000 NFTs, 200,000 listings, 1,000,000 sales), real PostgreSQL and Redis,
// at concurrency 32. Prints throughput, p50/p95/p99, the ratios, and each search's plan.
// Options: --duration <s> (default 10), --concurrency <n> (default 32), --reseed, --only search|buy.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import superjson from "superjson";
import { DEV_BOT_TOKEN, signInitData } from "@gm/api";
import { searchMarketSql, type SearchMarketInput } from "@gm/core";
import { createUsers } from "@gm/core/testing";
import { createDatabase as connect, readDbConfig } from "@gm/db";

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
const TON = 1_000_000_000n;

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const benchDbName = process.env.BENCH_DATABASE ?? "gm_bench";
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
      .then((r) => Number(r.rows[0]!.n) >= 1_000_000)
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
  run("pnpm", ["--filter", "@gm/seed", "--silent", "seed:bench"], { DATABASE_URL: benchUrl });
  log(`bench seed took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// ───────────────────────── load generation ─────────────────────────

interface Result {
  name: string;
  count: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function measure(name: string, fn: (i: number) => Promise<void>, concurrency = CONCURRENCY, durationMs = DURATION_MS): Promise<Result> {
  // Warm-up: connections, JIT, plan caches.
  const warmEnd = performance.now() + Math.min(2000, durationMs / 4);
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < warmEnd) await fn(i++).catch(() => {});
  }));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await fn(i++);
        latencies.push(performance.now() - t);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) log(`${name}: ${errors} errors, first: ${(firstError as Error).message}`);
  latencies.sort((a, b) => a - b);
  return { name, count: latencies.length, errors, rps: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

function request(port: number, method: "GET" | "POST", urlPath: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, agent, headers: body ? { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

async function expectOk(p: Promise<{ status: number; body: string }>) {
  const res = await p;
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
}

// ───────────────────────── pgbench ─────────────────────────

function pgbenchBinary(): string {
  const dirs = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse() : [];
  for (const v of dirs) if (existsSync(`/usr/lib/postgresql/${v}/bin/pgbench`)) return `/usr/lib/postgresql/${v}/bin/pgbench`;
  return "pgbench";
}

function pgbench(): { tps: number; latencyMs: number } {
  const u = new URL(withDb(serverUrl, "gm_pgbench"));
  const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || "5432", PGUSER: decodeURIComponent(u.username) || "postgres", PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: "gm_pgbench" };
  const bin = pgbenchBinary();
  try {
    execFileSync(bin, ["-n", "-c", "1", "-t", "1"], { env, stdio: "ignore" });
  } catch {
    execFileSync("psql", ["-d", "postgres", "-c", "CREATE DATABASE gm_pgbench"], { env, stdio: "ignore" });
    execFileSync(bin, ["-i", "-s", "10", "-q"], { env, stdio: "ignore" });
  }
  const out = execFileSync(bin, ["-n", "-c", String(CONCURRENCY), "-j", "2", "-T", String(Math.round(DURATION_MS / 1000))], { env, encoding: "utf8" });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  return { tps, latencyMs };
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

async function main() {
  log(`concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per scenario; PostgreSQL ${new URL(serverUrl).host}, Redis ${new URL(redisUrl).host}`);
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

  const port = 3900 + Math.floor(Math.random() * 90);
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...nodeArgs, "src/server.ts"], {
    cwd: path.join(root, "packages/bench"),
    env: {
      ...process.env, PORT: String(port), DATABASE_URL: benchUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `gm-bench-${process.pid}:`,
      NODE_ENV: "test", LOG_LEVEL: "warn",
      // e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API under load.
      NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "", DB_POOL_SIZE: String(CONCURRENCY), DB_POOL_OVERFLOW: "0",
      // The limits are not what is measured: lift the per-user and per-IP ones (purchases keep 10/min/user).
      USER_RATE_LIMIT_PER_MINUTE: "100000000", IP_RATE_LIMIT_PER_MINUTE: "100000000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (d) => String(d).includes("listening") && resolve());
    server.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });

  try {
    const reader = `tma ${signInitData(DEV_BOT_TOKEN, { id: buyers[0]!, firstName: "Bench" })}`;
    const results: Result[] = [];
    const ratios: string[] = [];
    let tpcb: { tps: number; latencyMs: number } | undefined;
    for (const mix of ONLY === "buy" ? [] : mixes) {
      const qs = `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(mix.input)))}`;
      const overHttp = await measure(`market.search: ${mix.name}`, () => expectOk(request(port, "GET", `/api/trpc/market.search${qs}`, { authorization: reader })));
      const sql = searchMarketSql(mix.input);
      const direct = await measure(`  raw SQL (pg): ${mix.name}`, async () => {
        await raw.query(sql.sql, sql.values);
      });
      results.push(overHttp, direct);
      ratios.push(`market.search "${mix.name}": ${(overHttp.rps / direct.rps).toFixed(2)} of raw SQL throughput (aim ≥ 0.50), p95 ${overHttp.p95.toFixed(1)} ms (aim < 20 ms)`);
    }

    if (ONLY !== "search") {
      const auth = buyers.map((id) => `tma ${signInitData(DEV_BOT_TOKEN, { id, firstName: `Buyer ${id}` })}`);
      let next = 0;
      const buy = await measure("listing.buy", async () => {
        const n = next++;
        const listing = listings[n % listings.length]!;
        const body = JSON.stringify(superjson.serialize({ idempotencyKey: `bench-${process.pid}-${n}`, nftId: BigInt(listing.id), price: BigInt(listing.price) }));
        await expectOk(request(port, "POST", "/api/trpc/listing.buy", { authorization: auth[n % auth.length]! }, body));
      });
      results.push(buy);
      log("running pgbench TPC-B (scale 10)…");
      tpcb = pgbench();
      ratios.push(`listing.buy: ${(buy.rps / tpcb!.tps).toFixed(2)} of pgbench TPC-B (${tpcb!.tps.toFixed(0)} tps, avg ${tpcb!.latencyMs.toFixed(1)} ms) (aim ≥ 0.50), p95 ${buy.p95.toFixed(1)} ms (aim < 50 ms)`);
    }

    console.log(`\n${"scenario".padEnd(62)} ${"req".padStart(7)} ${"err".padStart(5)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
    for (const r of results) {
      console.log(`${r.name.padEnd(62)} ${String(r.count).padStart(7)} ${String(r.errors).padStart(5)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)}`);
    }
    if (tpcb) console.log(`${"pgbench TPC-B".padEnd(62)} ${"".padStart(7)} ${"".padStart(5)} ${tpcb.tps.toFixed(0).padStart(8)}`);
    console.log("\nRatios:");
    for (const r of ratios) console.log(`  ${r}`);
    const check = await import("@gm/core").then((m) => m.checkLedger(db.prisma));
    console.log(`\nLedger after the run: ${check.ok ? "OK, zero drift" : "DRIFT"} (${check.movements} movements)`);
    if (!check.ok) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    agent.destroy();
    await raw.end();
    await db.close();
  }
}

await main();
process.exit(process.exitCode ?? 0);
