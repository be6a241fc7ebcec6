// Blue-green deployment on loopback, with the deploy files themselves: two production builds (blue and
// green) behind HAProxy from Debian running deploy/lb/haproxy.cfg. Under a bounded load of reads and
// purchases, deploy/blue-green.sh switches traffic to green and drains blue with zero failed requests;
// then, with both colours in service, one instance gets SIGTERM under load, again with zero failures.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFor, DEV_USER_ID, freePort, preparedDatabase, root, startWebServer, trpc, waitFor, type RunningServer } from "./support";

let db: Awaited<ReturnType<typeof preparedDatabase>>;
const servers: RunningServer[] = [];
let haproxy: ChildProcess | undefined;
beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  haproxy?.kill("SIGTERM");
  await Promise.all(servers.map((s) => s.stop()));
  await db?.drop();
});

/** One command to HAProxy's runtime API (a TCP stats socket): its whole answer. */
function lb(admin: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(admin, "127.0.0.1", () => socket.end(`${command}\n`));
    let out = "";
    socket.on("data", (d) => (out += d));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

/** Each server's status and total sessions in backend `app`, from `show stat`. */
async function stats(admin: number): Promise<Record<string, { status: string; total: number; current: number }>> {
  const rows = (await lb(admin, "show stat")).split("\n").map((l) => l.split(","));
  return Object.fromEntries(rows.filter((r) => r[0] === "app" && (r[1] === "blue" || r[1] === "green")).map((r) => [r[1], { status: r[17]!, current: Number(r[4]), total: Number(r[7]) }]));
}

interface Sent {
  at: number;
  procedure: string;
  status?: number;
  error?: string;
}

/**
 * A bounded load through the load balancer: readers in a loop (market pages and balances) and a buyer
 * purchasing listings one after another, until `stop()`. Every request is recorded with its answer.
 */
function load(base: string, listings: { id: bigint; price: bigint }[]) {
  const sent: Sent[] = [];
  const started = performance.now();
  let running = true;
  const call = async (procedure: string, opts: Parameters<typeof trpc>[2]) => {
    const entry: Sent = { at: performance.now() - started, procedure };
    sent.push(entry);
    try {
      entry.status = (await trpc(base, procedure, opts)).status;
    } catch (error) {
      entry.error = String((error as { cause?: { code?: string } }).cause?.code ?? error);
    }
  };
  const readers = Array.from({ length: 6 }, (_, i) => authFor(9_100_000 + i));
  const loops = readers.map((auth, i) =>
    (async () => {
      for (let n = 0; running; n++) {
        await call(n % 2 ? "wallet.balance" : "market.search", { auth, input: n % 2 ? undefined : { sort: i % 2 ? "price_desc" : "listed_desc", limit: 24 } });
      }
    })(),
  );
  const buyer = authFor(DEV_USER_ID, "Dev");
  const buys = (async () => {
    for (const listing of listings) {
      if (!running) break;
      await call("listing.buy", { auth: buyer, mutation: true, input: { idempotencyKey: `bg-${randomBytes(6).toString("hex")}`, nftId: listing.id, price: listing.price } });
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  return {
    sent,
    elapsed: () => performance.now() - started,
    async stop() {
      running = false;
      await Promise.all([...loops, buys]);
      return sent;
    },
  };
}

const failed = (sent: Sent[]) => sent.filter((s) => s.error !== undefined || s.status !== 200);

describe("blue-green deployment behind HAProxy", () => {
  it("switches to green and drains blue under load, then survives a SIGTERM to one instance, with zero failed requests", async () => {
    // One Redis namespace for both colours, as in production: limits and cache are shared.
    const shared = {
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `gm-bg-${randomBytes(4).toString("hex")}:`,
      TRUST_PROXY: "loopback",
      IP_RATE_LIMIT_PER_MINUTE: "1000000",
      USER_RATE_LIMIT_PER_MINUTE: "100000",
      SHUTDOWN_DRAIN_DELAY_MS: "2000",
      LOG_LEVEL: "warn",
    };
    const [blue, green] = await Promise.all([startWebServer(shared), startWebServer(shared)]);
    servers.push(blue!, green!);
    const [lbPort, admin, statsPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const port = (s: RunningServer) => new URL(s.url).port;
    // Debian puts it in /usr/sbin, which a non-root PATH may lack.
    haproxy = spawn(existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy", ["-db", "-f", path.join(root, "deploy/lb/haproxy.cfg")], {
      cwd: root,
      env: { ...process.env, LB_BIND: `127.0.0.1:${lbPort}`, BLUE_ADDR: `127.0.0.1:${port(blue!)}`, GREEN_ADDR: `127.0.0.1:${port(green!)}`, LB_ADMIN: `127.0.0.1:${admin}`, LB_STATS: `127.0.0.1:${statsPort}` },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let haproxyErr = "";
    haproxy.stderr!.on("data", (d) => (haproxyErr += d));
    const base = `http://127.0.0.1:${lbPort}`;
    await waitFor(`HAProxy to see blue UP (${haproxyErr})`, async () => (await stats(admin).catch(() => ({}) as Record<string, { status: string }>)).blue?.status === "UP");
    expect((await stats(admin)).green!.status).toBe("MAINT");

    const page = await trpc(base, "market.search", { auth: authFor(9_100_100), input: { sort: "price_asc", limit: 40 } });
    const listings = (page.data as { items: { id: bigint; price: bigint; ownerId: bigint }[] }).items.filter((i) => i.ownerId !== BigInt(DEV_USER_ID));
    expect(listings.length).toBeGreaterThanOrEqual(10);

    // 1. The switch, under load.
    // listing.buy allows 10 a minute per user: 5 purchases in each part.
    const first = load(base, listings.slice(0, 5));
    await waitFor("the load to be under way", async () => first.sent.length >= 50);
    const switchAt = first.elapsed();
    const script = spawn("bash", [path.join(root, "deploy/blue-green.sh"), "green"], {
      cwd: root,
      env: { ...process.env, LB_ADMIN: `127.0.0.1:${admin}`, GREEN_URL: green!.url, READY_TIMEOUT: "30", DRAIN_TIMEOUT: "15" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    script.stdout!.on("data", (d) => (output += d));
    script.stderr!.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => script.on("exit", resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/switched: green serves, blue is in maintenance/);
    const atSwitch = await stats(admin);
    expect(atSwitch.blue).toMatchObject({ status: "MAINT", current: 0 });
    expect(atSwitch.green!.status).toBe("UP");
    // Green takes every request from now on.
    const greenBefore = atSwitch.green!.total;
    await waitFor("more load on green", async () => first.elapsed() > switchAt + 2_000 && (await stats(admin)).green!.total > greenBefore + 30);
    const afterSwitch = await stats(admin);
    expect(afterSwitch.blue!.total).toBe(atSwitch.blue!.total);
    const run1 = await first.stop();
    expect(run1.filter((s) => s.at > switchAt).length).toBeGreaterThan(50);
    expect(run1.some((s) => s.procedure === "listing.buy")).toBe(true);
    expect(failed(run1)).toEqual([]);

    // 2. Both colours in service; one gets SIGTERM under load.
    await lb(admin, "set server app/blue state ready");
    await waitFor("blue UP again", async () => (await stats(admin)).blue!.status === "UP");
    const second = load(base, listings.slice(5, 10));
    await waitFor("the load to be under way", async () => second.sent.length >= 50);
    const signalAt = second.elapsed();
    const blueBefore = (await stats(admin)).blue!.total;
    green!.process.kill("SIGTERM");
    expect(await green!.exited).toBe(0);
    await waitFor("load on blue alone", async () => (await stats(admin)).blue!.total > blueBefore + 50);
    const run2 = await second.stop();
    expect(run2.filter((s) => s.at > signalAt).length).toBeGreaterThan(50);
    expect(failed(run2)).toEqual([]);
    expect((await stats(admin)).green!.status).toMatch(/DOWN/);
  });
});
