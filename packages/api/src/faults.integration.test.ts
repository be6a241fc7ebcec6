// Faults of the infrastructure, over HTTP against real PostgreSQL and a Redis of the test's own: a Redis
// outage degrades (limits in memory, cache bypassed) instead of failing; a lost database connection or
// an exhausted pool answers 503 with Retry-After and changes nothing; the money stays exact throughout.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@gm/core";
import { createGiftWithNfts, createUser } from "@gm/core/testing";
import { failure, freePort, privateRedis, startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
const key = () => `fault-${crypto.randomUUID()}`;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

describe("a Redis outage", () => {
  let h: Harness;
  let redis: ReturnType<typeof privateRedis>;
  beforeAll(async () => {
    redis = privateRedis(await freePort());
    await redis.start();
    h = await startHarness({ userRateLimitPerMinute: 1000, ipRateLimitPerMinute: 100_000 }, { redisUrl: redis.url });
  });
  afterAll(async () => {
    await h?.close();
    redis?.stop();
  });

  it("keeps reads fast and purchases exact while Redis is down, and recovers when it returns", async () => {
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 100n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 2n * TON, count: 6 });
    const client = h.client(telegramUser({ id: buyer.id }));
    const timedRead = async () => {
      const t0 = performance.now();
      await client.market.search.query({ sort: "price_asc", limit: 24 });
      await client.wallet.balance.query();
      return performance.now() - t0;
    };
    // Warm: the cache fills, the limiter counts in Redis.
    for (let i = 0; i < 5; i++) await timedRead();
    await client.listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 2n * TON });

    redis.stop();
    const down: number[] = [];
    for (let i = 0; i < 20; i++) down.push(await timedRead());
    // No request waits on Redis: no reconnect retries, no command without a timeout (before: ~5.1 s each).
    expect(percentile(down, 0.95)).toBeLessThan(500);
    // Purchases go on, exactly once each, and the listing that sold is gone from the market at once.
    for (const nft of nfts.slice(1, 4)) await client.listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 2n * TON });
    const listed = await client.market.search.query({ ownerId: seller.id, sort: "price_asc" });
    expect(listed.items.map((i) => i.id).sort()).toEqual(nfts.slice(4).map((n) => n.id).sort());
    expect(await h.db.prisma.user.findUniqueOrThrow({ where: { id: buyer.id }, select: { available: true } })).toEqual({ available: 92n * TON });
    // Readiness names the outage.
    const ready = await fetch(`${h.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { redis: { ok: boolean } } }).checks.redis.ok).toBe(false);

    await redis.start();
    const deadline = Date.now() + 10_000;
    while ((await fetch(`${h.url}/api/ready`)).status !== 200) {
      if (Date.now() > deadline) throw new Error("readiness did not recover within 10 s of Redis returning");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Back on Redis: limits are counted there again, and the cache serves what the database says.
    await client.wallet.balance.query();
    const keys = spawnSync("redis-cli", ["-u", redis.url, "--scan", "--pattern", "*rl:*"]).stdout.toString().trim();
    expect(keys.length).toBeGreaterThan(0);
    const after = await client.market.search.query({ ownerId: seller.id, sort: "price_asc" });
    expect(after.items.map((i) => i.id).sort()).toEqual(nfts.slice(4).map((n) => n.id).sort());
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});

describe("a lost database connection", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers 503 with Retry-After, changes nothing, and the same key succeeds on retry", async () => {
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 10n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 3n * TON });
    const nft = nfts[0]!;
    // Another transaction holds the gift's row, so the purchase waits inside PostgreSQL...
    const blocker = await h.db.pool.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT 1 FROM nfts WHERE id = $1 FOR UPDATE", [nft.id.toString()]);
    const idempotencyKey = key();
    const buying = failure(h.client(telegramUser({ id: buyer.id })).listing.buy.mutate({ idempotencyKey, nftId: nft.id, price: 3n * TON }));
    // ...when its connection is killed.
    let killed = 0;
    for (let i = 0; i < 100 && killed === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const { rowCount } = await blocker.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      killed = rowCount ?? 0;
    }
    expect(killed).toBe(1);
    const error = await buying;
    await blocker.query("ROLLBACK");
    blocker.release();
    expect(error.data?.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.data?.httpStatus).toBe(503);
    expect(error.message).toMatch(/Nothing was changed; please try again/);
    expect(await h.db.prisma.user.findUniqueOrThrow({ where: { id: buyer.id }, select: { available: true } })).toEqual({ available: 10n * TON });
    // The client retries with the same key: the purchase happens, once.
    const retried = await h.client(telegramUser({ id: buyer.id })).listing.buy.mutate({ idempotencyKey, nftId: nft.id, price: 3n * TON });
    expect(retried.balance.available).toBe(7n * TON);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});

describe("an exhausted connection pool", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { db: { DB_POOL_SIZE: "1", DB_POOL_OVERFLOW: "0", DB_CONNECT_TIMEOUT_MS: "300", DB_TX_MAX_WAIT_MS: "300" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers reads and purchases 503 with Retry-After while every connection is busy, then serves again", async () => {
    const buyer = await createUser(h.db.prisma, { available: 10n * TON });
    const auth = `tma ${h.initData(telegramUser({ id: buyer.id }))}`;
    await fetch(`${h.url}/api/trpc/wallet.balance`, { headers: { authorization: auth } }); // signed in while the pool is free
    const held = await h.db.pool.connect();
    try {
      const read = await fetch(`${h.url}/api/trpc/wallet.balance`, { headers: { authorization: auth } });
      expect(read.status).toBe(503);
      expect(Number(read.headers.get("retry-after"))).toBeGreaterThan(0);
      const buy = await fetch(`${h.url}/api/trpc/listing.buy`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ json: { idempotencyKey: key(), nftId: "1", price: "1000000000" }, meta: { values: { nftId: ["bigint"], price: ["bigint"] } } }),
      });
      expect(buy.status).toBe(503);
      expect(((await buy.json()) as { error: { json: { message: string } } }).error.json.message).toMatch(/Nothing was changed/);
    } finally {
      held.release();
    }
    expect((await fetch(`${h.url}/api/trpc/wallet.balance`, { headers: { authorization: auth } })).status).toBe(200);
  });
});
