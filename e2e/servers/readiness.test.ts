// Readiness of the production build follows Redis: 200 while it answers, 503 naming it (with its error
// and latency) once it is stopped — the market still serving meanwhile, from PostgreSQL — and 200 again
// when it returns, with no restart of the app. A private redis-server on a port of its own.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFor, freePort, preparedDatabase, startProcess, startWebServer, trpc } from "./support";

let db: Awaited<ReturnType<typeof preparedDatabase>>;
let redis: ChildProcess | undefined;
beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  redis?.kill("SIGKILL");
  await db?.drop();
});

async function startRedis(port: number): Promise<ChildProcess> {
  return (await startProcess("redis-server", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { ready: /Ready to accept connections/ })).child;
}

interface Ready {
  status: number;
  body: { ok: boolean; checks: Record<string, { ok: boolean; latencyMs: number; error?: string }> };
}
const ready = async (url: string): Promise<Ready> => {
  const res = await fetch(`${url}/api/ready`);
  return { status: res.status, body: (await res.json()) as Ready["body"] };
};
async function until(url: string, status: number, timeoutMs: number): Promise<Ready> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await ready(url);
    if (r.status === status) return r;
    if (Date.now() > deadline) throw new Error(`readiness stayed ${r.status} (${JSON.stringify(r.body)}) for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("readiness of the production build", () => {
  it("turns 503 when Redis is stopped and back to 200 when it returns, serving the market throughout", async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const server = await startWebServer({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const up = await until(server.url, 200, 10_000);
      expect(up.body.checks.redis).toMatchObject({ ok: true });
      expect(up.body.checks.database).toMatchObject({ ok: true });

      redis.kill("SIGKILL");
      const down = await until(server.url, 503, 10_000);
      expect(down.body.ok).toBe(false);
      expect(down.body.checks.redis!.ok).toBe(false);
      expect(down.body.checks.redis!.error).toBeTruthy();
      expect(down.body.checks.database!.ok).toBe(true);
      // Out of the load balancer, but whoever still reaches it is served: the cache is bypassed.
      const search = await trpc(server.url, "market.search", { auth: authFor(8_100_001), input: { sort: "price_asc", limit: 5 } });
      expect(search.status).toBe(200);

      redis = await startRedis(port);
      const back = await until(server.url, 200, 15_000);
      expect(back.body.checks.redis).toMatchObject({ ok: true });
    } finally {
      await server.stop();
    }
  }, 90_000);
});
