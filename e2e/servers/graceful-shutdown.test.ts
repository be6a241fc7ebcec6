// SIGTERM in the middle of a load, on the production build: every request sent before the signal gets a
// complete answer, readiness says 503 while the server drains, the pools close and the process exits 0
// after logging each step. The money still adds up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { authFor, DEV_USER_ID, preparedDatabase, startWebServer, trpc } from "./support";

let db: Awaited<ReturnType<typeof preparedDatabase>>;
beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  await db?.drop();
});

interface Sent {
  at: number;
  procedure: string;
  status?: number;
  error?: string;
}

describe("graceful shutdown of the production build", () => {
  it("answers every request sent before SIGTERM, says 503 while draining, then exits 0", async () => {
    const server = await startWebServer({ DATABASE_URL: db.url, SHUTDOWN_DRAIN_DELAY_MS: "1500", SHUTDOWN_GRACE_MS: "10000" });
    const buyer = authFor(DEV_USER_ID, "Dev");
    const readers = Array.from({ length: 8 }, (_, i) => authFor(8_000_000 + i));
    // Listings to buy while the signal arrives (the dev user has 1,000 TON and may buy 10 a minute).
    const page = await trpc(server.url, "market.search", { auth: readers[0], input: { sort: "price_asc", limit: 30 } });
    const listings = (page.data as { items: { id: bigint; price: bigint; ownerId: bigint }[] }).items.filter((i) => i.ownerId !== BigInt(DEV_USER_ID));

    const sent: Sent[] = [];
    const started = performance.now();
    let signalAt = Infinity;
    const call = async (procedure: string, opts: Parameters<typeof trpc>[2]) => {
      const entry: Sent = { at: performance.now() - started, procedure };
      sent.push(entry);
      try {
        entry.status = (await trpc(server.url, procedure, opts)).status;
      } catch (error) {
        entry.error = String((error as { cause?: { code?: string } }).cause?.code ?? error);
      }
    };
    const readiness: { at: number; status: number | "refused" }[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const at = performance.now() - started;
        try {
          readiness.push({ at, status: (await fetch(`${server.url}/api/ready`)).status });
        } catch {
          readiness.push({ at, status: "refused" });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    // A bounded load: 8 readers and one buyer, each in a loop, for at most 5 s or until refused.
    const until = 5_000;
    const loops = readers.map((auth, i) =>
      (async () => {
        for (let n = 0; performance.now() - started < until; n++) {
          await call(n % 2 ? "wallet.balance" : "market.search", { auth, input: n % 2 ? undefined : { sort: i % 2 ? "price_desc" : "listed_desc", limit: 24 } });
          if (sent.at(-1)?.error) break; // the listener closed: this client is done
        }
      })(),
    );
    const buys = (async () => {
      for (const [n, listing] of listings.slice(0, 8).entries()) {
        if (performance.now() - started >= until) break;
        await call("listing.buy", { auth: buyer, mutation: true, input: { idempotencyKey: `drain-${n}-${listing.id}`, nftId: listing.id, price: listing.price } });
        if (sent.at(-1)?.error) break;
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    // The signal lands once the load is under way (at least 30 requests sent), however slowly a loaded
    // machine serves the first ones: a fixed delay measured nothing on a busy CI runner.
    for (const deadline = performance.now() + 3_000; sent.length < 30 && performance.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    signalAt = performance.now() - started;
    server.process.kill("SIGTERM");
    await Promise.all([...loops, buys]);
    const code = await server.exited;
    polling = false;
    await poll;

    const before = sent.filter((s) => s.at < signalAt);
    expect(before.length).toBeGreaterThan(20);
    // Every request sent before the signal got a complete HTTP answer, and none of them a 5xx.
    expect(before.filter((s) => s.error !== undefined)).toEqual([]);
    expect(before.filter((s) => (s.status ?? 0) >= 500)).toEqual([]);
    // Requests kept being served during the drain, and readiness said 503 meanwhile.
    expect(sent.some((s) => s.at > signalAt && s.status === 200)).toBe(true);
    expect(readiness.some((r) => r.at > signalAt && r.status === 503)).toBe(true);
    expect(readiness.some((r) => r.at < signalAt && r.status === 200)).toBe(true);
    expect(code).toBe(0);
    const steps = server.logs.map((l) => l.msg).filter((m): m is string => typeof m === "string" && m.startsWith("shutdown:"));
    expect(steps).toEqual([
      "shutdown: draining (readiness answers 503)",
      "shutdown: listener closed, finishing requests in flight",
      "shutdown: pools closed",
      "shutdown: done",
    ]);

    // The purchases that were answered happened exactly once, and the books close.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ drift: string }>(`
        SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries)::text AS drift`);
      expect(rows[0]!.drift).toBe("0");
      const { rows: users } = await client.query<{ bad: string }>(`
        SELECT count(*)::text AS bad FROM users u
        WHERE u.available <> coalesce((SELECT sum(amount) FROM ledger_entries e WHERE e.user_id = u.id AND e.account = 'USER_AVAILABLE'), 0)`);
      expect(users[0]!.bad).toBe("0");
    } finally {
      await client.end();
    }
  });
});
