// `pnpm bench --only trade`: the trading hot paths over HTTP at concurrency 32, on a database of its own.
//   auction.bid: one hot auction, 32 bids in flight at every moment (from 2,000 bidders in turn, each
//     under the 60-a-minute limit); each bid one step above the last one sent, so bids that arrive after
//     a higher one are refused BID_TOO_LOW, as they are for people racing. Accepted bids per second,
//     latency of all, beside pgbench running the same row locks and writes on one hot row.
//   offer.accept: owners accepting 10,000 standing offers (each once), beside pgbench TPC-B.
// Both end with the ledger check.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { signInitData } from "@gm/api";
import { checkLedger, createAuction, executeCommand, postMany } from "@gm/core";
import { createGiftWithNfts, createUsers } from "@gm/core/testing";
import { createDatabase as connect, inUnitOfWork, readDbConfig } from "@gm/db";
import { memoryBackends } from "@gm/redis";
import { apiServers } from "./api-process";
import { freshDatabase, pgbenchScript, pgbenchTpcb, wrk, type LoadResult } from "./load";

const TON = 1_000_000_000n;
const STEP = 10_000_000n; // 0.01 TON

export interface TradeBenchResult {
  bid: LoadResult & { accepted: number; outbid: number; baseline: LoadResult };
  accept: LoadResult & { baseline: LoadResult };
  ledger: "ok" | "drift";
}

export async function benchTrade(opts: { root: string; serverUrl: string; redisUrl: string; botToken: string; seconds: number; concurrency: number; log: (m: string) => void }): Promise<TradeBenchResult> {
  const { log } = opts;
  const url = await freshDatabase({ root: opts.root, serverUrl: opts.serverUrl, name: "gm_bench_trade" });
  const db = connect({ ...readDbConfig({ ...process.env, DATABASE_URL: url }), DB_POOL_SIZE: 4, DB_POOL_OVERFLOW: 0 });
  const api = apiServers({ root: opts.root, databaseUrl: url, redisUrl: opts.redisUrl, botToken: opts.botToken, concurrency: opts.concurrency });
  const auth = (id: bigint) => `tma ${signInitData(opts.botToken, { id, firstName: `Trader ${id}` })}`;
  const dataFile = (name: string, lua: string) => {
    const file = path.join(tmpdir(), `gm-bench-${name}-${process.pid}.lua`);
    writeFileSync(file, lua);
    return file;
  };
  try {
    // The hot auction, and the bidders.
    const [seller, ...bidders] = await createUsers(db.prisma, 2001, 1_000_000n * TON);
    const { nfts } = await createGiftWithNfts(db.prisma, { ownerId: seller!, count: 1 });
    const core = { database: db, cache: memoryBackends().cache };
    const { auctionId } = await executeCommand(createAuction, core, { userId: seller!, isAdmin: false, requestId: "bench" }, { nftId: nfts[0]!.id, startPrice: TON, minStep: STEP, durationHours: 72 });

    // 10,000 standing offers, on 10,000 gifts of 500 owners, from 500 buyers; held through the ledger.
    const owners = await createUsers(db.prisma, 500, 0n);
    const buyers = await createUsers(db.prisma, 500, 1_000_000n * TON);
    const { nfts: targets } = await createGiftWithNfts(db.prisma, { ownerId: owners[0]!, count: 10_000 });
    const ownerOf = (i: number) => owners[i % owners.length]!;
    await db.prisma.$executeRaw`UPDATE nfts n SET owner_id = x.owner FROM unnest(${targets.map((n) => n.id.toString())}::bigint[], ${targets.map((_, i) => ownerOf(i).toString())}::bigint[]) AS x(id, owner) WHERE n.id = x.id`;
    const offers = await db.prisma.$queryRaw<{ id: bigint; nftId: bigint; buyerId: bigint; price: bigint }[]>`
      INSERT INTO offers (nft_id, buyer_id, price, expires_at, updated_at)
      SELECT x.nft, x.buyer, 5000000000, now() + interval '7 days', now()
      FROM unnest(${targets.map((n) => n.id.toString())}::bigint[], ${targets.map((_, i) => buyers[i % buyers.length]!.toString())}::bigint[]) AS x(nft, buyer)
      RETURNING id, nft_id AS "nftId", buyer_id AS "buyerId", price`;
    await inUnitOfWork(db.prisma, async (uow) => {
      await postMany(uow.tx, offers.map((o) => ({ kind: "HOLD", reference: `offer:${o.id}`, lines: [{ account: "USER_AVAILABLE", userId: o.buyerId, amount: -o.price }, { account: "USER_LOCKED", userId: o.buyerId, amount: o.price }] })));
      uow.commit();
    });
    const ownerByNft = new Map(targets.map((n, i) => [n.id, ownerOf(i)]));
    log(`a hot auction with 2,000 bidders and 10,000 standing offers ready`);

    const base = await api.start();
    // auction.bid: one step above the last bid sent (wrk -t1 keeps one counter for all connections).
    const bidData = dataFile("bid", `return { auths = {${bidders.map((id) => JSON.stringify(auth(id))).join(",")}} }`);
    const bidScript = (from: number) => `
local data = dofile("${bidData}")
local n = ${from}
request = function()
  n = n + 1
  local body = string.format('{"json":{"idempotencyKey":"bench-bid-${process.pid}-%d","auctionId":"${auctionId}","amount":"%d"},"meta":{"values":{"auctionId":["bigint"],"amount":["bigint"]}}}', n, ${TON} + n * ${STEP})
  return wrk.format("POST", "/api/trpc/auction.bid", { ["content-type"] = "application/json", ["authorization"] = data.auths[(n % #data.auths) + 1] }, body)
end`;
    wrk("warm-up", `${base}/api/trpc/auction.bid`, { seconds: 2, connections: opts.concurrency, script: bidScript(0) });
    const warmBids = await db.prisma.bid.count();
    const bid = wrk("auction.bid: one hot auction", `${base}/api/trpc/auction.bid`, { seconds: opts.seconds, connections: opts.concurrency, script: bidScript(1_000_000) });
    const accepted = (await db.prisma.bid.count()) - warmBids;
    const bidBaseline = pgbenchScript("pgbench: a bid's row locks and writes on one hot row", url, `
\\set a random(1, 2000)
\\set b random(1, 2000)
BEGIN;
SELECT id FROM auctions WHERE id = ${auctionId} FOR NO KEY UPDATE;
UPDATE users SET updated_at = now() WHERE id IN (${bidders[0]} + :a - 1, ${bidders[0]} + :b - 1);
INSERT INTO ledger_movements (kind, reference) VALUES ('HOLD', 'pgbench');
UPDATE bids SET status = 'OUTBID' WHERE auction_id = ${auctionId} AND status = 'ACTIVE';
INSERT INTO bids (auction_id, bidder_id, amount, status) VALUES (${auctionId}, ${bidders[0]} + :a - 1, 1, 'OUTBID');
UPDATE auctions SET updated_at = now() WHERE id = ${auctionId};
INSERT INTO activity_events (type, actor_id) VALUES ('BID', ${bidders[0]} + :a - 1);
COMMIT`, { seconds: opts.seconds, clients: opts.concurrency });

    // offer.accept: each offer once, by its gift's owner.
    const acceptData = dataFile("accept", `return { offers = {${offers.map((o) => `{"${o.id}",${JSON.stringify(auth(ownerByNft.get(o.nftId)!))}}`).join(",")}} }`);
    const acceptScript = `
local data = dofile("${acceptData}")
local n = 0
request = function()
  n = n + 1
  local o = data.offers[n] or data.offers[#data.offers]
  local body = string.format('{"json":{"idempotencyKey":"bench-accept-${process.pid}-%d","offerId":"%s"},"meta":{"values":{"offerId":["bigint"]}}}', n, o[1])
  return wrk.format("POST", "/api/trpc/offer.accept", { ["content-type"] = "application/json", ["authorization"] = o[2] }, body)
end`;
    const accept = wrk("offer.accept", `${base}/api/trpc/offer.accept`, { seconds: opts.seconds, connections: opts.concurrency, script: acceptScript });
    log("running pgbench TPC-B (scale 10)…");
    const pgbenchUrl = new URL(opts.serverUrl);
    pgbenchUrl.pathname = "/gm_pgbench";
    const tpcb = pgbenchTpcb(pgbenchUrl.toString(), { seconds: opts.seconds, clients: opts.concurrency });

    const ledger = (await checkLedger(db.prisma)).ok ? "ok" : "drift";
    return { bid: { ...bid, accepted, outbid: bid.errors, baseline: bidBaseline }, accept: { ...accept, baseline: tpcb }, ledger };
  } finally {
    api.stopAll();
    await db.close();
  }
}

export function printTrade(t: TradeBenchResult) {
  const row = (r: LoadResult, rps: number) => `${r.name.padEnd(52)} ${rps.toFixed(0).padStart(7)}/s  p50 ${r.p50.toFixed(2).padStart(7)} ms  p95 ${r.p95.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms`;
  console.log(`\nTrading over HTTP (concurrency 32):`);
  console.log(`  ${row(t.bid, t.bid.rps)}  (accepted bids; ${t.bid.outbid} refused as outbid by a higher bid in flight, ${t.bid.requests} sent)`);
  console.log(`  ${t.bid.baseline.name.padEnd(52)} ${t.bid.baseline.rps.toFixed(0).padStart(7)}/s  (ratio ${(t.bid.rps / t.bid.baseline.rps).toFixed(2)})`);
  console.log(`  ${row(t.accept, t.accept.rps)}  (${t.accept.errors} errors)`);
  console.log(`  ${t.accept.baseline.name.padEnd(52)} ${t.accept.baseline.rps.toFixed(0).padStart(7)}/s  (ratio ${(t.accept.rps / t.accept.baseline.rps).toFixed(2)})`);
  console.log(`  ledger after it: ${t.ledger === "ok" ? "OK, zero drift" : "DRIFT"}`);
}
