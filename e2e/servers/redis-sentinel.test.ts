// Redis behind Sentinel, as deploy/compose.yaml runs it, with real servers on loopback: a primary, a
// replica and three Sentinels (redis-server in sentinel mode). The production build finds the primary
// through the Sentinels (REDIS_SENTINELS); the primary is killed under load. Every request is still
// answered, the Sentinels promote the replica, and the app writes its limits to the new primary and is
// ready again — without a restart.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFor, freePort, preparedDatabase, startProcess, startWebServer, trpc, waitFor, type RunningServer } from "./support";

let db: Awaited<ReturnType<typeof preparedDatabase>>;
const children: ChildProcess[] = [];
let web: RunningServer | undefined;
const tmp = mkdtempSync(path.join(os.tmpdir(), "gm-sentinel-"));
beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  await web?.stop();
  for (const c of children) c.kill("SIGKILL");
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

async function redis(args: string[], ready: RegExp): Promise<ChildProcess> {
  const { child } = await startProcess(`redis-server ${args.join(" ")}`, "redis-server", args, { ready, timeoutMs: 15_000 });
  children.push(child);
  return child;
}

/** One command to a Redis or a Sentinel, through redis-cli. */
function cli(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-cli", ["-p", String(port), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`redis-cli ${args.join(" ")} exited with ${code}`))));
  });
}

describe("Redis with Sentinel", () => {
  it("keeps answering while the primary dies, follows the promoted replica, and is ready again without a restart", async () => {
    const [primary, replica, ...sentinels] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    // --dir: a replica's full sync writes the primary's snapshot to disk, which must not land in the repo.
    const plain = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmp];
    const primaryProcess = await redis(["--port", String(primary), ...plain], /Ready to accept connections/);
    await redis(["--port", String(replica), ...plain, "--replicaof", "127.0.0.1", String(primary)], /Ready to accept connections/);
    await waitFor("the replica in sync", async () => (await cli(replica, "INFO", "replication")).includes("master_link_status:up"));
    for (const port of sentinels) {
      const conf = path.join(tmp, `sentinel-${port}.conf`);
      // Sentinel rewrites its own config file, so each gets a writable one.
      writeFileSync(conf, [
        `port ${port}`, "bind 127.0.0.1", `dir ${tmp}`,
        `sentinel monitor gm 127.0.0.1 ${primary} 2`,
        "sentinel down-after-milliseconds gm 1000",
        "sentinel failover-timeout gm 5000",
        "sentinel parallel-syncs gm 1",
      ].join("\n"));
      await redis([conf, "--sentinel"], /Sentinel ID is/);
    }
    // Each Sentinel knows the other two before the primary goes.
    await waitFor("the Sentinels to find each other", async () => (await Promise.all(sentinels.map((p) => cli(p, "SENTINEL", "MASTER", "gm")))).every((m) => /num-other-sentinels\n2\b/.test(m)));

    const prefix = `gm-sentinel-${randomBytes(4).toString("hex")}:`;
    web = await startWebServer({
      DATABASE_URL: db.url,
      REDIS_URL: "",
      REDIS_SENTINELS: sentinels.map((p) => `127.0.0.1:${p}`).join(","),
      REDIS_SENTINEL_NAME: "gm",
      REDIS_KEY_PREFIX: prefix,
      IP_RATE_LIMIT_PER_MINUTE: "1000000",
      USER_RATE_LIMIT_PER_MINUTE: "100000",
      LOG_LEVEL: "warn",
    });
    const ready = async () => (await fetch(`${web!.url}/api/ready`)).json() as Promise<{ ok: boolean; checks: Record<string, { ok: boolean }> }>;
    await waitFor("readiness with Redis", async () => (await ready()).checks.redis?.ok);

    // A bounded load of readers, recorded with every answer.
    const statuses: (number | string)[] = [];
    let running = true;
    const readers = Array.from({ length: 4 }, (_, i) =>
      (async () => {
        for (let n = 0; running; n++) {
          try {
            statuses.push((await trpc(web!.url, n % 2 ? "wallet.balance" : "market.search", { auth: authFor(9_200_000 + i), input: n % 2 ? undefined : { sort: "price_asc", limit: 24 } })).status);
          } catch (error) {
            statuses.push(String(error));
          }
        }
      })(),
    );
    await waitFor("the load to be under way", async () => statuses.length >= 40);
    primaryProcess.kill("SIGKILL");
    const killedAt = statuses.length;

    // The Sentinels promote the replica; the app follows it and writes its rate limits there.
    // While the Sentinels reconfigure it, the replica may close a connection: that poll just failed.
    const role = () => cli(replica, "ROLE").catch(() => "");
    await waitFor("the replica promoted", async () => (await role()).startsWith("master"), 30_000);
    await waitFor("the app ready on the new primary", async () => (await ready()).ok && (await role()).startsWith("master"), 30_000);
    const servedAfter = statuses.length;
    await waitFor("more load after the failover", async () => statuses.length > servedAfter + 40, 30_000);
    running = false;
    await Promise.all(readers);

    expect(statuses.length - killedAt).toBeGreaterThan(40);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // A user first seen after the failover has their limit counted on the promoted replica.
    const late = 9_299_999;
    expect((await trpc(web.url, "wallet.balance", { auth: authFor(late) })).status).toBe(200);
    await waitFor("the late user's limit on the new primary", async () => Number(await cli(replica, "EVAL", `return #redis.call('KEYS', ARGV[1])`, "0", `${prefix}*${late}*`)) > 0);
  });
});
