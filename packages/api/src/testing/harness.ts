// Integration harness: the real tRPC handler behind a real HTTP server, on a fresh PostgreSQL database
// and the real Redis (keys under a prefix of its own), called as the Mini App calls it.
import { spawn, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import net from "node:net";
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { createTestDatabase, createUser, type TestDatabase } from "@gm/core/testing";
import { readRedisConfig, redisBackends, memoryBackends, type Backends } from "@gm/redis";
import { createLogger } from "@gm/observability/logger";
import type { TelegramProfile } from "@gm/core";
import superjson from "superjson";
import { createRuntime, type Runtime } from "../runtime";
import { createReadiness, createTrpcHandler } from "../http";
import { readApiConfig, type ApiConfig } from "../env";
import { signInitData } from "../dev";
import type { AppRouter } from "../router";

export interface Harness {
  url: string;
  rt: Runtime;
  db: TestDatabase;
  redisPrefix: string;
  logs: Record<string, unknown>[];
  /** A client signed in as `user` (init data signed with the test bot token). */
  client(user: TelegramProfile, headers?: Record<string, string>): ReturnType<typeof createTRPCClient<AppRouter>>;
  initData(user: TelegramProfile, authDate?: Date): string;
  /** A new user (with `available` credited through the ledger) and a client signed in as them. */
  party(available?: bigint, role?: "ADMIN"): Promise<{ id: bigint; api: ReturnType<Harness["client"]> }>;
  /** A user's balances as stored. */
  balance(userId: bigint): Promise<{ available: bigint; locked: bigint }>;
  close(): Promise<void>;
}

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export interface HarnessOptions {
  redis?: boolean;
  redisPrefix?: string;
  redisUrl?: string;
  db?: Record<string, string>;
  /** Another instance of the same deployment: its database and Redis keys, a runtime of its own. */
  shareWith?: Harness;
  /** Environment on top of the process's (e.g. TON_API_ENDPOINT). */
  env?: Record<string, string>;
}

export async function startHarness(config: Partial<ApiConfig> = {}, opts: HarnessOptions = {}): Promise<Harness> {
  const shared = opts.shareWith;
  const db = shared ? shared.db : await createTestDatabase(opts.db);
  const redisPrefix = shared ? shared.redisPrefix : (opts.redisPrefix ?? `gmtest:${randomBytes(4).toString("hex")}:`);
  const backends: Backends =
    opts.redis === false ? memoryBackends() : redisBackends(readRedisConfig({ REDIS_URL: opts.redisUrl ?? testRedisUrl(), REDIS_KEY_PREFIX: redisPrefix }));
  await backends.ping().catch((error: Error) => {
    throw new Error(`Cannot reach Redis at ${testRedisUrl()} (install and start the Debian package "redis-server", or set REDIS_URL): ${error.message}`);
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const rt = createRuntime({ ...process.env, ...opts.env }, {
    db,
    backends,
    logger: createLogger("api", "info", sink),
    // Generous default limits: tests that are about limits set their own.
    config: { ...readApiConfig({ NODE_ENV: "test" }), userRateLimitPerMinute: 100_000, ipRateLimitPerMinute: 100_000, ...config },
  });
  // Like the web server: the caller is the socket's peer, whatever X-Forwarded-For says.
  const PEER = "x-harness-peer";
  const handle = createTrpcHandler(() => rt, { clientIp: (r) => r.headers.get(PEER) ?? "unknown" });
  const ready = createReadiness(() => rt);
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    headers.set(PEER, req.socket.remoteAddress ?? "unknown");
    let response: Response;
    if (url.pathname === "/api/ready") {
      const r = await ready();
      response = Response.json(r, { status: r.ok ? 200 : 503 });
    } else {
      response = await handle(
        new Request(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks) }),
      );
    }
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const initData = (user: TelegramProfile, authDate?: Date) => signInitData(rt.config.botToken, user, authDate);
  const client: Harness["client"] = (user, headers = {}) => {
    const auth = `tma ${initData(user)}`;
    return createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${url}/api/trpc`, transformer: superjson, headers: () => ({ authorization: auth, ...headers }) })],
    });
  };
  return {
    url,
    rt,
    db,
    redisPrefix,
    logs,
    initData,
    client,
    async party(available = 0n, role) {
      const user = await createUser(db.prisma, { available, role });
      return { id: user.id, api: client(telegramUser({ id: user.id })) };
    },
    async balance(userId) {
      const u = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
      return { available: u.available, locked: u.locked };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await backends.close();
      if (!shared) await db.drop(); // the instance that made it drops it

    },
  };
}

let nextId = BigInt(Date.now() % 1_000_000) * 1000n + 5_000_000_000n;
export function telegramUser(overrides: Partial<TelegramProfile> = {}): TelegramProfile {
  const id = overrides.id ?? nextId++;
  return { id, firstName: `Tester ${id}`, username: `t${id}`, languageCode: "en", ...overrides };
}

/** A fresh idempotency key, as the Mini App makes one per confirmed action. */
export const idempotencyKey = () => randomBytes(8).toString("hex");

/** The refusal reason a call fails with. */
export const refusalOf = async (p: Promise<unknown>) => (await failure(p)).data?.reason;

/** The TRPCClientError a call fails with (and a test failure if it succeeds). */
export async function failure(p: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await p;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error("expected the call to fail");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A private redis-server (nothing on disk) that the test can stop and start again on the same port. */
export function privateRedis(port: number) {
  const start = async () => {
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes"], { stdio: "ignore" });
    for (let i = 0; i < 50; i++) {
      if (spawnSync("redis-cli", ["-p", String(port), "ping"]).stdout?.toString().includes("PONG")) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server did not start on ${port}`);
  };
  const stop = () => void spawnSync("redis-cli", ["-p", String(port), "shutdown", "nosave"]);
  return { start, stop, url: `redis://127.0.0.1:${port}` };
}

