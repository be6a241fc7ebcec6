// Metrics as Prometheus sees them: the production build and the real worker (with the local TON chain)
// scraped by a real Prometheus from Debian with the deploy files' alert rules loaded. After a scripted
// session (a purchase, an accepted offer, a bid and the auction's settlement, a presale bought and
// delivered, a deposit, withdrawals confirmed and bounced), a query for each metric family returns data,
// every rule evaluates, and every metric the dashboards and alerts name is one the app or worker exports.
// Also: /metrics refuses callers without the token, and the worker's withdrawal logs name the request.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Address } from "@ton/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisUrl } from "../../scripts/services.mjs";
import { metricNamesUsed } from "./deploy-support";
import { authFor, DEV_USER_ID, freePort, preparedDatabase, root, startProcess, startWebServer, trpc, waitFor, type RunningServer } from "./support";

const TON = 1_000_000_000n;
const TOKEN = randomBytes(24).toString("hex");
let db: Awaited<ReturnType<typeof preparedDatabase>>;
const children: ChildProcess[] = [];
let web: RunningServer | undefined;
const tmp = mkdtempSync(path.join(os.tmpdir(), "gm-prometheus-"));
beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await web?.stop();
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

/** A process of this test, killed after it. */
async function start(name: string, cmd: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const started = startProcess(name, cmd, args, { env, ready, timeoutMs: 60_000 });
  void started.then((p) => children.push(p.child), () => {});
  return started;
}

describe("Prometheus scraping the app and the worker", () => {
  it("has data for every metric family after a session, evaluates the alert rules, and knows every metric the dashboards name", async () => {
    const chainPort = await freePort();
    const chain = await start("the local chain", process.execPath, ["--import", "tsx", "packages/ton/src/local-chain/cli.ts"], { TON_LOCAL_CHAIN_PORT: String(chainPort) }, /ready at (\S+)/);
    const endpoint = chain.match[1]!;
    const redisPrefix = `gm-prom-${randomBytes(4).toString("hex")}:`;
    const common = { DATABASE_URL: db.url, REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: redisPrefix, TON_API_ENDPOINT: endpoint, METRICS_TOKEN: TOKEN };
    web = await startWebServer({ ...common, LOG_LEVEL: "warn" });
    const workerPort = await freePort();
    const worker = await start(
      "the worker",
      process.execPath,
      ["--import", "tsx", "apps/worker/src/main.ts"],
      { ...common, WORKER_PORT: String(workerPort), LOG_LEVEL: "info", TON_DEPOSITS_INTERVAL_MS: "500", TON_WITHDRAWALS_INTERVAL_MS: "500", AUCTION_SETTLEMENT_INTERVAL_MS: "500" },
      /worker listening/,
    );
    const workerUrl = `http://127.0.0.1:${workerPort}`;

    // Without the token, neither process shows its metrics; with it, both do.
    expect((await fetch(`${web.url}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${workerUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${web.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);

    writeFileSync(path.join(tmp, "token"), TOKEN);
    const promPort = await freePort();
    writeFileSync(
      path.join(tmp, "prometheus.yml"),
      JSON.stringify({
        global: { scrape_interval: "1s", evaluation_interval: "1s" },
        rule_files: [path.join(root, "deploy/prometheus/rules/*.yml")],
        scrape_configs: [
          { job_name: "web", metrics_path: "/api/metrics", authorization: { type: "Bearer", credentials_file: path.join(tmp, "token") }, static_configs: [{ targets: [new URL(web.url).host], labels: { colour: "blue" } }] },
          { job_name: "worker", authorization: { type: "Bearer", credentials_file: path.join(tmp, "token") }, static_configs: [{ targets: [`127.0.0.1:${workerPort}`] }] },
        ],
      }),
    );
    await start("Prometheus", "prometheus", [`--config.file=${path.join(tmp, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(tmp, "data")}`, `--web.listen-address=127.0.0.1:${promPort}`], {}, /Server is ready to receive web requests/);
    const prom = `http://127.0.0.1:${promPort}`;
    const query = async (q: string) => {
      const body = (await (await fetch(`${prom}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      expect(body.status, q).toBe("success");
      return body.data.result;
    };

    // ---- the scripted session, through the production build as the Mini App calls it ----
    const dev = authFor(DEV_USER_ID, "Dev");
    const call = async (procedure: string, input?: unknown, opts: { auth?: string; mutation?: boolean; headers?: Record<string, string> } = {}) => {
      const r = await trpc(web!.url, procedure, { auth: opts.auth ?? dev, input, mutation: opts.mutation, headers: opts.headers });
      if (r.status !== 200) throw new Error(`${procedure}: ${r.status} ${JSON.stringify(r.error)}`);
      return r.data as Record<string, never>;
    };
    const money = (procedure: string, input: Record<string, unknown>, auth?: string, headers?: Record<string, string>) =>
      call(procedure, { idempotencyKey: randomBytes(8).toString("hex"), ...input }, { auth, mutation: true, headers });

    const page = (await call("market.search", { sort: "price_asc", limit: 40 })) as unknown as { items: { id: bigint; price: bigint; ownerId: bigint }[] };
    const others = page.items.filter((i) => i.ownerId !== BigInt(DEV_USER_ID) && i.price >= 2n * TON);
    const sellerId = others[0]!.ownerId;
    const [bought, offered] = others.filter((i) => i.ownerId === sellerId);
    expect(offered, "a seller with two listings").toBeDefined();
    const seller = authFor(Number(sellerId));

    await money("listing.buy", { nftId: bought!.id, price: bought!.price });
    const offer = (await money("offer.make", { nftId: offered!.id, price: TON })) as unknown as { offerId: bigint };
    await money("offer.accept", { offerId: offer.offerId }, seller);
    const auction = (await call("auction.create", { nftId: bought!.id, startPrice: TON, durationHours: 1 }, { mutation: true })) as unknown as { auctionId: bigint };
    await money("auction.bid", { auctionId: auction.auctionId, amount: TON }, seller);
    // An hour is long for a test: the auction ends now, and the worker settles it at that moment.
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      await sql.query("UPDATE auctions SET ends_at = now() + interval '1 second' WHERE id = $1", [auction.auctionId.toString()]);
    } finally {
      await sql.end();
    }
    const presales = (await call("presale.list", {})) as unknown as { items: { id: bigint; price: bigint; status: string; seller: { id: bigint }; gift: { id: number } }[] };
    const presale = presales.items.find((p) => p.status === "ACTIVE" && p.seller.id !== BigInt(DEV_USER_ID))!;
    await money("presale.buy", { presaleId: presale.id, price: presale.price });
    const gift = (await money("admin.creditNft", { userId: presale.seller.id, giftId: presale.gift.id })) as unknown as { id: bigint };
    await money("admin.deliverPresale", { presaleId: presale.id, nftId: gift.id });
    await call("admin.devFaucet", { amount: 5n * TON }, { mutation: true });
    const someone = (bounceable: boolean) => new Address(0, randomBytes(32)).toString({ bounceable, testOnly: true });
    const requestId = `prom-test-${randomBytes(4).toString("hex")}`;
    await money("wallet.withdraw", { amount: 2n * TON, destination: someone(false) }, dev, { "x-request-id": requestId });
    await money("wallet.withdraw", { amount: TON, destination: someone(true) }); // to nobody, bounceable: it bounces
    // A refusal, so the error series exist too.
    expect((await trpc(web.url, "listing.buy", { auth: dev, mutation: true, input: { idempotencyKey: "x", nftId: -1n, price: TON } })).status).toBe(400);

    // ---- the worker finishes its part ----
    await waitFor("both withdrawals finished", async () => {
      const mine = (await call("wallet.withdrawals", { limit: 5 })) as unknown as { items: { status: string }[] };
      const done = mine.items.filter((w) => w.status === "CONFIRMED" || w.status === "FAILED");
      return done.length >= 2;
    }, 60_000);
    await waitFor("the auction settled", async () => ((await call("auction.detail", { auctionId: auction.auctionId })) as unknown as { status: string }).status === "SETTLED", 60_000);
    // Requests were traced into the worker: its withdrawal logs name the request that asked for it.
    const workerLogs = worker.out.text.split("\n").flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } });
    expect(workerLogs.filter((l) => l.originRequestId === requestId).map((l) => l.msg)).toEqual(expect.arrayContaining(["withdrawal signed into a transfer", "withdrawal confirmed"]));

    // ---- what Prometheus has ----
    const events = ["purchase", "offer_accepted", "bid", "auction_settled", "presale_bought", "presale_delivered", "deposit_credited", "withdrawal_requested", "withdrawal_sent", "withdrawal_confirmed", "withdrawal_refunded"];
    // Scraped a few times since the session ended (rates need two samples of a series).
    const scrapesAtEnd = Number((await query('count_over_time(up{job="web"}[10m])'))[0]?.value[1] ?? 0);
    await waitFor("three more scrapes", async () => Number((await query('count_over_time(up{job="web"}[10m])'))[0]?.value[1] ?? 0) >= scrapesAtEnd + 3, 30_000);
    for (const event of events) {
      const [count] = await query(`sum(gm_business_events_total{event="${event}"})`);
      const [volume] = await query(`sum(gm_business_volume_ton_total{event="${event}"})`);
      expect(Number(count!.value[1]), event).toBeGreaterThan(0);
      expect(Number(volume!.value[1]), event).toBeGreaterThan(0);
    }
    const families: [string, (r: Awaited<ReturnType<typeof query>>) => void][] = [
      ['sum by (job) (gm_trpc_requests_total{code="OK"}) > 10', (r) => expect(r.map((s) => s.metric.job)).toEqual(["web"])],
      ['gm_trpc_requests_total{code="BAD_REQUEST", procedure="listing.buy"}', (r) => expect(r.length).toBe(1)],
      ['histogram_quantile(0.95, sum by (le, procedure) (rate(gm_trpc_request_duration_seconds_bucket{procedure="listing.buy"}[5m])))', (r) => expect(r.length).toBe(1)],
      ['gm_db_pool_connections{state=~"in_use|idle|waiting|max"}', (r) => expect(r.length).toBe(8)], // 4 states × (web, worker)
      ["gm_redis_up == 1", (r) => expect(r.length).toBe(2)],
      ["gm_ton_breaker_open == 0", (r) => expect(r.length).toBe(2)],
      ['gm_task_runs_total{outcome="success"} > 0', (r) => expect(r.map((s) => s.metric.task).sort()).toEqual(expect.arrayContaining(["auction-settlement", "ton-deposits", "ton-withdrawals"]))],
      ['gm_task_runs_total{outcome="failure"}', (r) => expect(r.length).toBeGreaterThanOrEqual(6)],
      ["gm_task_duration_seconds_count > 0", (r) => expect(r.length).toBeGreaterThanOrEqual(3)],
      ['time() - gm_task_last_success_timestamp_seconds{task="ton-deposits"} < 60', (r) => expect(r.length).toBe(1)],
      ["gm_ton_deposit_cursor_age_seconds < 60", (r) => expect(r.length).toBe(1)],
      ["gm_withdrawals_unfinished", (r) => expect(r.map((s) => s.metric.status).sort()).toEqual(["PENDING", "SENDING", "SENT"])],
      ["gm_withdrawals_oldest_unfinished_age_seconds", (r) => expect(r.length).toBe(1)],
      ["process_resident_memory_bytes", (r) => expect(r.length).toBe(2)],
    ];
    for (const [q, check] of families) {
      const r = await query(q);
      try {
        check(r);
      } catch (error) {
        throw new Error(`${q}: ${JSON.stringify(r)}\n${String(error)}`);
      }
    }

    // Every alert rule of the deploy files evaluates against the real series without an error.
    const rules = (await (await fetch(`${prom}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const all = rules.data.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThanOrEqual(7);
    await waitFor("every rule evaluated", async () => {
      const now = (await (await fetch(`${prom}/api/v1/rules`)).json()) as typeof rules;
      return now.data.groups.flatMap((g) => g.rules).every((r) => r.health === "ok");
    }, 15_000);
    // Nothing is on fire after a healthy session.
    expect((await query('ALERTS{alertstate="firing"}')).map((a) => a.metric.alertname)).toEqual([]);

    // Every metric a dashboard panel or an alert names is one the app or the worker exports.
    const exported = new Set(((await (await fetch(`${prom}/api/v1/label/__name__/values`)).json()) as { data: string[] }).data);
    const isExported = (name: string) => ["", "_bucket", "_count", "_sum", "_total"].some((suffix) => exported.has(name + suffix));
    const missing = [...metricNamesUsed()].filter(([name]) => !name.startsWith("haproxy_") && name !== "up" && !isExported(name));
    expect(missing, "named by dashboards or alerts but not exported").toEqual([]);
  });
});
