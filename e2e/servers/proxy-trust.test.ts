// The per-IP limit against a client that forges X-Forwarded-For, on the production build.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFor, preparedDatabase, startWebServer, trpc, type RunningServer } from "./support";

let db: Awaited<ReturnType<typeof preparedDatabase>>;
const servers: RunningServer[] = [];

beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.drop();
});

const LIMIT = 10;
const start = async (env: Record<string, string> = {}) => {
  const server = await startWebServer({ DATABASE_URL: db.url, IP_RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env });
  servers.push(server);
  return server;
};

/** Statuses of `n` calls, each from a different user and with its own forged X-Forwarded-For. */
async function forgedCalls(server: RunningServer, n: number, forwardedFor: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await trpc(server.url, "auth.me", { auth: authFor(7_000_000 + i), headers: { "x-forwarded-for": forwardedFor(i) } });
    statuses.push(res.status);
  }
  return statuses;
}

describe("the per-IP limit", () => {
  it("trusts no proxy by default: a new X-Forwarded-For per request does not escape it", async () => {
    const server = await start();
    const statuses = await forgedCalls(server, LIMIT + 5, (i) => `203.0.113.${i + 1}`);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual(Array(5).fill(429));
    expect(server.logs).toContainEqual(expect.objectContaining({ trustProxy: "no proxy (the socket's peer is the client)" }));
    // And the production build's log lines name the request, the user and the procedure.
    expect(server.logs).toContainEqual(
      expect.objectContaining({ msg: "call ok", procedure: "auth.me", userId: "7000000", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }),
    );
  });

  it("behind one trusted proxy, takes the address that proxy saw, not what the client prepended", async () => {
    const server = await start({ TRUST_PROXY: "1" });
    // The client forges the left part; our proxy appends the real peer (198.51.100.7) on the right.
    const statuses = await forgedCalls(server, LIMIT + 3, (i) => `203.0.113.${i + 1}, 198.51.100.7`);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual(Array(3).fill(429));
    // Another client behind the same proxy has a bucket of its own.
    const other = await trpc(server.url, "auth.me", { auth: authFor(7_100_000), headers: { "x-forwarded-for": "198.51.100.8" } });
    expect(other.status).toBe(200);
  });

  it("builds the TON Connect manifest's origin from X-Forwarded-Host only when a trusted proxy sent it", async () => {
    const manifest = (server: RunningServer) =>
      fetch(`${server.url}/tonconnect-manifest.json`, { headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } }).then((r) => r.json() as Promise<{ url: string }>);
    const direct = await start();
    expect((await manifest(direct)).url).toBe(new URL(direct.url).origin);
    const proxied = await start({ TRUST_PROXY: "loopback" });
    expect((await manifest(proxied)).url).toBe("https://evil.example");
    const configured = await start({ PUBLIC_URL: "https://gifts.example/app" });
    expect((await manifest(configured)).url).toBe("https://gifts.example");
  });

  it("refuses to start with a TRUST_PROXY it cannot understand", async () => {
    await expect(start({ TRUST_PROXY: "not-an-address" })).rejects.toThrow(/exited with 1/);
  });
});
