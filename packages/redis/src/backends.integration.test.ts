// Limits, locks and cache against a real Redis and the in-process stand-ins, through the same interface.
// With Redis, two backend instances (separate connections) stand for two app instances: limits, locks
// and cache loads must hold across them.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createBackends, memoryBackends, readRedisConfig, type Backends } from "./index";

const redisConfig = readRedisConfig({
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_KEY_PREFIX: `gm-test-${randomBytes(6).toString("hex")}:`,
});

const opened: Backends[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unique = (base: string) => `${base}-${randomBytes(4).toString("hex")}`;

interface Setup {
  kind: "redis" | "memory";
  /** Two "app instances": separate Redis connections, or the one in-process backend. */
  pair(): Promise<[Backends, Backends]>;
}

const setups: Setup[] = [
  {
    kind: "redis",
    async pair() {
      const a = createBackends(redisConfig);
      const b = createBackends(redisConfig);
      opened.push(a, b);
      // Connected first: until then the limiter counts in memory and the cache is bypassed, by design.
      await Promise.all([a.ping(), b.ping()]);
      return [a, b];
    },
  },
  {
    kind: "memory",
    async pair() {
      const m = memoryBackends();
      return [m, m];
    },
  },
];

describe.each(setups)("$kind backends", ({ kind, pair }) => {
  it("is the kind it claims and answers pings", async () => {
    const [a] = await pair();
    expect(a.kind).toBe(kind);
    await expect(a.ping()).resolves.toBeUndefined();
  });

  describe("rate limiter", () => {
    it("refuses the call past the limit with a retry-after, and the limit is shared by every instance", async () => {
      const [a, b] = await pair();
      const rule = { points: 3, windowSeconds: 60 };
      const user = unique("user");
      const calls = [a, b, a].map((x) => x.limiter.consume("buy", user, rule));
      const allowed = await Promise.all(calls);
      expect(allowed.map((r) => r.allowed)).toEqual([true, true, true]);
      expect(allowed.map((r) => r.remaining).sort()).toEqual([0, 1, 2]);

      for (const instance of [b, a]) {
        const refused = await instance.limiter.consume("buy", user, rule);
        expect(refused.allowed).toBe(false);
        expect(refused.retryAfterMs).toBeGreaterThan(0);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
      // Other users and other procedures have their own budgets.
      expect((await a.limiter.consume("buy", unique("user"), rule)).allowed).toBe(true);
      expect((await b.limiter.consume("bid", user, rule)).allowed).toBe(true);
    });

    it("lets exactly the limit through under a concurrent burst from two instances", async () => {
      const [a, b] = await pair();
      const rule = { points: 10, windowSeconds: 60 };
      const user = unique("user");
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).limiter.consume("burst", user, rule)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    });

    it("lets calls through again once the window has passed", async () => {
      const [a] = await pair();
      const rule = { points: 1, windowSeconds: 1 };
      const user = unique("user");
      expect((await a.limiter.consume("short", user, rule)).allowed).toBe(true);
      const refused = await a.limiter.consume("short", user, rule);
      expect(refused.allowed).toBe(false);
      await sleep(refused.retryAfterMs + 50);
      expect((await a.limiter.consume("short", user, rule)).allowed).toBe(true);
    });
  });

  describe("locker", () => {
    it("excludes a second holder while the first runs, and frees the lock when it completes", async () => {
      const [a, b] = await pair();
      const name = unique("lock");
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = a.locker.tryWithLock(name, 2_000, async () => {
        await gate;
        return "first";
      });
      await sleep(50);
      let secondRan = false;
      const second = await b.locker.tryWithLock(name, 2_000, async () => {
        secondRan = true;
      });
      expect(second).toEqual({ acquired: false });
      expect(secondRan).toBe(false);

      release();
      expect(await first).toEqual({ acquired: true, value: "first" });
      expect(await b.locker.tryWithLock(name, 2_000, async () => "second")).toEqual({ acquired: true, value: "second" });
    });

    it("frees the lock when the holder throws, and passes the error on", async () => {
      const [a, b] = await pair();
      const name = unique("lock");
      await expect(
        a.locker.tryWithLock(name, 2_000, async () => {
          throw new Error("holder failed");
        }),
      ).rejects.toThrow("holder failed");
      expect(await b.locker.tryWithLock(name, 2_000, async () => 42)).toEqual({ acquired: true, value: 42 });
    });

    it("gives the lock to exactly one of many concurrent contenders", async () => {
      const [a, b] = await pair();
      const name = unique("lock");
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).locker.tryWithLock(name, 2_000, async () => {
            await sleep(100);
            return i;
          }),
        ),
      );
      expect(results.filter((r) => r.acquired)).toHaveLength(1);
    });
  });

  describe("cache", () => {
    it("loads a cold key once for 50 concurrent callers across instances", async () => {
      const [a, b] = await pair();
      const key = unique("floor");
      let loads = 0;
      const load = async () => {
        loads++;
        await sleep(100);
        return { floor: 5_000_000_000n };
      };
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).cache.getOrLoad(key, 60, load)));
      expect(loads).toBe(1);
      for (const r of results) expect(r).toEqual({ floor: 5_000_000_000n });
    });

    it("serves the cached value until it is invalidated", async () => {
      const [a, b] = await pair();
      const key = unique("filters");
      let version = 1;
      let loads = 0;
      const load = async () => {
        loads++;
        return { version };
      };
      expect(await a.cache.getOrLoad(key, 60, load)).toEqual({ version: 1 });
      version = 2;
      expect(await a.cache.getOrLoad(key, 60, load)).toEqual({ version: 1 });
      expect(await b.cache.getOrLoad(key, 60, load)).toEqual({ version: 1 });
      expect(loads).toBe(1);

      await a.cache.invalidate(key); // a listing changed
      expect(await b.cache.getOrLoad(key, 60, load)).toEqual({ version: 2 });
      expect(await a.cache.getOrLoad(key, 60, load)).toEqual({ version: 2 });
      expect(loads).toBe(2);
    });

    it("never lets a load that began before an invalidation store its old value", async () => {
      const [a, b] = await pair();
      const key = unique("floors");
      let release!: () => void;
      const slow = a.cache.getOrLoad(key, 60, () => new Promise<{ floor: number }>((r) => (release = () => r({ floor: 1 }))));
      await sleep(50); // the slow load is under way with the old data
      await b.cache.invalidate(key); // a trade changed the floor
      expect(await b.cache.getOrLoad(key, 60, async () => ({ floor: 2 }))).toEqual({ floor: 2 });
      release();
      expect(await slow).toEqual({ floor: 1 }); // its own caller asked before the change
      await sleep(20);
      expect(await a.cache.getOrLoad(key, 60, async () => ({ floor: 3 }))).toEqual({ floor: 2 });
    });

    it("after the TTL serves the stale value while exactly one caller refreshes it", async () => {
      const [a, b] = await pair();
      const key = unique("stale");
      let version = 1;
      let loads = 0;
      const load = async () => {
        loads++;
        await sleep(150);
        return { version };
      };
      expect(await a.cache.getOrLoad(key, 1, load)).toEqual({ version: 1 });
      version = 2;
      await sleep(1_150); // fresh for 1 s

      const t0 = Date.now();
      const stale = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).cache.getOrLoad(key, 1, load)));
      expect(Date.now() - t0).toBeLessThan(150); // nobody waited for the reload
      for (const r of stale) expect(r).toEqual({ version: 1 });

      await sleep(400);
      expect(loads).toBe(2); // one refresh for all 20 callers
      expect(await b.cache.getOrLoad(key, 1, load)).toEqual({ version: 2 });
      expect(await a.cache.getOrLoad(key, 1, load)).toEqual({ version: 2 });
      expect(loads).toBe(2);
    });

    it("round-trips BigInt values", async () => {
      const [a, b] = await pair();
      const key = unique("bigint");
      const value = { price: 123_456_789_012_345_678_901_234_567_890n, fees: [1n, -2n, 0n], label: "x" };
      expect(await a.cache.getOrLoad(key, 60, async () => value)).toEqual(value);
      // Read back from the store (for Redis: another instance, so it is deserialised from Redis).
      const back = await b.cache.getOrLoad(key, 60, async (): Promise<typeof value> => {
        throw new Error("should be cached");
      });
      expect(back).toEqual(value);
      expect(typeof back.price).toBe("bigint");
    });

    it("counts a key's invalidations in a generation every instance reads alike", async () => {
      const [a, b] = await pair();
      const key = unique("generation");
      const before = await a.cache.generation(key);
      expect(before).not.toBeNull();
      expect(await b.cache.generation(key)).toBe(before);
      await b.cache.invalidate(key);
      const after = await a.cache.generation(key);
      expect(after).not.toBe(before);
      expect(await b.cache.generation(key)).toBe(after);
    });
  });
});

describe("redis backends when Redis is unreachable", () => {
  it("fail loudly instead of pretending another holder has the lock", async () => {
    const down = createBackends(readRedisConfig({ REDIS_URL: "redis://127.0.0.1:1", REDIS_KEY_PREFIX: redisConfig.REDIS_KEY_PREFIX }));
    opened.push(down);
    let ran = false;
    await expect(
      down.locker.tryWithLock(unique("lock"), 2_000, async () => {
        ran = true;
      }),
    ).rejects.toThrow();
    expect(ran).toBe(false);
    await expect(down.ping()).rejects.toThrow();
  });
});

describe("Redis outages", () => {
  it("bypass the cache while Redis is down, and apply the invalidations it missed when it returns", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { spawn, spawnSync } = await import("node:child_process");
    const start = async () => {
      spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes"], { stdio: "ignore" });
      for (let i = 0; i < 50 && !spawnSync("redis-cli", ["-p", String(port), "ping"]).stdout?.toString().includes("PONG"); i++) await sleep(100);
    };
    await start();
    const backends = createBackends(readRedisConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: "outage:" }));
    opened.push(backends);
    await backends.ping();
    let source = "v1";
    const read = () => backends.cache.getOrLoad("k", 60, async () => source);
    expect(await read()).toBe("v1");
    source = "v2";
    expect(await read()).toBe("v1"); // cached

    // Not a restart: the process stops answering (SIGSTOP), so its data, v1 included, survives.
    const pid = Number(spawnSync("redis-cli", ["-p", String(port), "info", "server"]).stdout.toString().match(/process_id:(\d+)/)![1]);
    process.kill(pid, "SIGSTOP");
    try {
      await backends.cache.invalidate("k"); // owed, not lost
      expect(await backends.cache.generation("k")).toBeNull(); // unknowable: nothing may be cached by it
      const t0 = performance.now();
      expect(await read()).toBe("v2"); // from the source, without waiting on Redis for long
      expect(performance.now() - t0).toBeLessThan(1500);
      const limit = await backends.limiter.consume("outage", "user-1", { points: 1, windowSeconds: 60 });
      expect(limit.allowed).toBe(true); // counted in memory meanwhile
    } finally {
      process.kill(pid, "SIGCONT");
    }
    // Back: the owed invalidation lands, so the stale v1 is never served again, and caching resumes.
    await sleep(1500);
    expect(await read()).toBe("v2");
    source = "v3";
    expect(await read()).toBe("v2"); // cached again: the fresh value
    spawnSync("redis-cli", ["-p", String(port), "shutdown", "nosave"]);
  });
});
