#!/usr/bin/env node
// `pnpm dev`: the whole product (Mini App + API on :3000, worker on :3001) on embedded defaults.
// Without DATABASE_URL it serves an embedded PostgreSQL (PGlite over the wire protocol, data in
// .data/pglite); without REDIS_URL the app and worker use in-process limiter, cache and locks.
// Without TON_API_ENDPOINT it starts a local TON chain (@ton/sandbox behind toncenter's v2 JSON-RPC).
// Migrations are applied and the dev seed run before the apps start.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Readable logs unless asked for JSON (LOG_FORMAT=json shows what production ships to Loki).
const env = { LOG_FORMAT: "pretty", ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const children = [];
const log = (msg) => console.log(`\x1b[36m[dev]\x1b[0m ${msg}`);

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit", ...opts });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

async function startEmbeddedPostgres() {
  const dataDir = path.resolve(root, process.env.PGLITE_DATA_DIR ?? ".data/pglite");
  mkdirSync(dataDir, { recursive: true });
  const port = process.env.PGLITE_PORT ?? "54329";
  const child = spawn(process.execPath, ["packages/db/scripts/pglite-server.mjs"], {
    cwd: root,
    // One PGlite session serves every connection: at least two connections per client process (docs/operations.md, "Embedded mode").
    env: { ...env, PGLITE_DATA_DIR: dataDir, PGLITE_PORT: port, PGLITE_MAX_CONNECTIONS: "10" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      process.stdout.write(`\x1b[35m[pglite]\x1b[0m ${chunk}`);
      if (String(chunk).includes("PGlite ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`embedded PostgreSQL exited with ${code} (is port ${port} taken? set PGLITE_PORT)`)));
  });
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}

async function startLocalChain() {
  const port = process.env.TON_LOCAL_CHAIN_PORT ?? "8787";
  const child = spawn("pnpm", ["--filter", "@gm/ton", "--silent", "chain"], { cwd: root, env: { ...env, TON_LOCAL_CHAIN_PORT: port }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      process.stdout.write(`\x1b[33m[ton]\x1b[0m ${chunk}`);
      const m = /ready at (\S+)/.exec(String(chunk));
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`the local TON chain exited with ${code} (is port ${port} taken? set TON_LOCAL_CHAIN_PORT)`)));
  });
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  for (const c of children.reverse()) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on("exit", r))))).then(() => process.exit(code));
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

try {
  if (!env.DATABASE_URL) {
    env.DATABASE_URL = await startEmbeddedPostgres();
    // PGlite answers one query at a time: one connection per process keeps results exact (docs/operations.md, "Embedded mode").
    env.DB_POOL_SIZE = "1";
    env.DB_POOL_OVERFLOW = "0";
    log(`database: embedded PostgreSQL (PGlite) at ${env.DATABASE_URL}, data in ${path.relative(root, path.resolve(root, process.env.PGLITE_DATA_DIR ?? ".data/pglite")) || "."}`);
  } else {
    log(`database: ${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//***@")}`);
  }
  if (!env.TON_API_ENDPOINT) {
    env.TON_API_ENDPOINT = await startLocalChain();
    log(`TON: local chain at ${env.TON_API_ENDPOINT} — test TON with \`TON_API_ENDPOINT=${env.TON_API_ENDPOINT} pnpm ton:faucet --memo <your memo> --amount 5\``);
  } else {
    log(`TON: ${new URL(env.TON_API_ENDPOINT).host}`);
  }
  log(env.REDIS_URL || env.REDIS_SENTINELS ? `redis: ${env.REDIS_URL ?? env.REDIS_SENTINELS}` : "redis: none — in-process limiter, cache and locks");
  await run(process.execPath, ["packages/db/scripts/migrate.mjs", "deploy"]);
  await run("pnpm", ["--filter", "@gm/seed", "--silent", "seed"]);
  await run("pnpm", ["--filter", "@gm/seed", "--silent", "seed:market"]); // a no-op once the catalog exists
  const apps = spawn("pnpm", ["exec", "turbo", "run", "dev", "--filter=@gm/web", "--filter=@gm/worker", "--ui=stream"], { cwd: root, env, stdio: "inherit" });
  children.push(apps);
  log(`Mini App: http://localhost:${env.PORT ?? 3000}  ·  worker health: http://localhost:${env.WORKER_PORT ?? 3001}/health`);
  apps.on("exit", (code) => stop(code ?? 0));
} catch (error) {
  console.error(`[dev] ${error.message}`);
  stop(1);
}
