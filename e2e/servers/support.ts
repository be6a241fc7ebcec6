// Tests of the production build as it runs for users: the built app started by its own server
// (apps/web/server/main.mjs), on a database of its own and the real Redis, called over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sign } from "@tma.js/init-data-node";
import superjson from "superjson";
import { createDatabase, databaseUrl, dropDatabase, redisUrl } from "../../scripts/services.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEV_BOT_TOKEN = "1000000001:DEV-gift-market-not-a-secret";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

/** A fresh database, migrated and seeded like a developer's (dev user with 1,000 TON, the market). */
export async function preparedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gm_prod_${process.pid}_${randomBytes(3).toString("hex")}`;
  const url = await createDatabase(name, databaseUrl());
  const env = { DATABASE_URL: url, LOG_LEVEL: "warn" };
  await run(process.execPath, ["packages/db/scripts/migrate.mjs", "deploy"], env);
  await run("pnpm", ["--filter", "@gm/seed", "--silent", "seed"], env);
  await run("pnpm", ["--filter", "@gm/seed", "--silent", "seed:market"], env);
  return { url, drop: () => dropDatabase(name, databaseUrl()) };
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Every JSON log line the server printed so far. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the production build with `env` on a free port and waits until it answers /api/health. */
export async function startWebServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["apps/web/server/main.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test", // the dev bot token and the Telegram mock are refused in production
      REDIS_URL: redisUrl(),
      REDIS_KEY_PREFIX: `gm-prod-${randomBytes(4).toString("hex")}:`,
      LOG_LEVEL: "info",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let buffered = "";
  const collect = (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Next's own banner lines are not JSON.
      }
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}: ${JSON.stringify(logs.slice(-5))}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the web server did not answer /api/health within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    logs,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface StartedProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  out: { text: string };
  /** The match of `ready` in its output. */
  match: RegExpExecArray;
}

/**
 * Starts a process from the repository's root and resolves once its output matches `ready`; rejects
 * with its last output if it exits first or is not ready within `timeoutMs`. Each test kills what it started.
 */
export function startProcess(name: string, cmd: string, args: string[], opts: { ready: RegExp; env?: Record<string, string>; timeoutMs?: number }): Promise<StartedProcess> {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  const out = { text: "" };
  const limit = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // not left running behind a failed test
      reject(new Error(`${name} was not ready after ${limit} ms: ${out.text.slice(-2000)}`));
    }, limit);
    const onData = (d: Buffer) => {
      out.text += d;
      const match = opts.ready.exec(out.text);
      if (match) {
        clearTimeout(timer);
        resolve({ child, out, match });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${out.text.slice(-2000)}`));
    });
  });
}

/** Polls `check` until it returns a truthy value (which it resolves with), or fails naming `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  for (const deadline = Date.now() + ms; ; ) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `Authorization` for a Telegram user, signed with the dev bot token as the Mini App's init data is. */
export function authFor(id: number, firstName = `User ${id}`): string {
  return `tma ${sign({ user: { id, first_name: firstName } }, DEV_BOT_TOKEN, new Date())}`;
}

export const DEV_USER_ID = 1000001;

/** A tRPC call over HTTP as the Mini App makes it; resolves with the status and decoded body. */
export async function trpc(base: string, procedure: string, opts: { auth?: string; input?: unknown; mutation?: boolean; headers?: Record<string, string> } = {}) {
  const encoded = JSON.stringify(superjson.serialize(opts.input));
  const headers = { ...(opts.auth ? { authorization: opts.auth } : {}), ...opts.headers };
  const res = opts.mutation
    ? await fetch(`${base}/api/trpc/${procedure}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: encoded })
    : await fetch(`${base}/api/trpc/${procedure}${opts.input === undefined ? "" : `?input=${encodeURIComponent(encoded)}`}`, { headers });
  const text = await res.text();
  let body: { result?: { data?: unknown }; error?: { json?: { message?: string; data?: { code?: string } } } } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: left empty
  }
  const data = body.result?.data as { json: unknown; meta?: Parameters<typeof superjson.deserialize>[0]["meta"] } | undefined;
  return {
    status: res.status,
    headers: res.headers,
    data: data ? superjson.deserialize(data) : undefined,
    error: body.error?.json,
  };
}
