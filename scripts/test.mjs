#!/usr/bin/env node
// `pnpm test`: every check and test, against real PostgreSQL and Redis (DATABASE_URL / REDIS_URL, else
// the local default ports): migration check, typecheck, lint, unit and integration tests, and the
// Playwright tests of the built Mini App in Chromium.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkPostgres, checkRedis, createDatabase, databaseUrl, dropDatabase, redisUrl } from "./services.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl() };
const only = process.argv.slice(2); // e.g. `pnpm test unit` or `pnpm test e2e`
const wants = (step) => only.length === 0 || only.includes(step);
const timings = [];

/** A process the Playwright tests need running beside the web app (the local chain, the worker). */
function background(name, cmd, args, extraEnv, ready) {
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) resolve({ stop: () => { try { process.kill(-child.pid, "SIGTERM"); } catch {} }, output: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code} before it was ready:\n${output.slice(-2000)}`)));
  });
}

/** Whether a command is installed (on PATH, or in /usr/sbin where Debian puts haproxy). */
function onPath(tool) {
  return [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin"].some((dir) => dir && existsSync(path.join(dir, tool)));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n\x1b[1m▶ ${title}\x1b[0m`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
    child.on("exit", (code) => {
      timings.push([title, (Date.now() - started) / 1000]);
      if (code === 0) resolve();
      else reject(new Error(`${title} failed (exit ${code})`));
    });
  });
}

try {
  const version = await checkPostgres();
  await checkRedis();
  console.log(`PostgreSQL ${version} at ${new URL(env.DATABASE_URL).host}, Redis at ${new URL(env.REDIS_URL).host}`);

  if (wants("static")) {
    await run("migrations match schema.prisma", process.execPath, ["packages/db/scripts/migrate.mjs", "check"]);
    await run("typecheck and lint", "pnpm", ["exec", "turbo", "run", "typecheck", "lint", "--output-logs=errors-only"]);
    await run("lint the top level (e2e, scripts, configs)", "pnpm", ["exec", "eslint", "e2e", "scripts", "playwright.config.ts", "eslint.config.js"]);
    await run("the README's variables reach the apps", process.execPath, ["scripts/check-env.mjs"]);
  }
  if (wants("unit")) {
    // One package at a time: integration suites fire hundreds of concurrent transactions each.
    await run("unit and integration tests", "pnpm", ["exec", "turbo", "run", "test", "--concurrency=1", "--output-logs=full"]);
  }
  if (wants("e2e")) {
    const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    if (!existsSync(chromium)) throw new Error(`Chromium is not installed at ${chromium}: install the Debian package "chromium" (apt-get install -y chromium).`);
    // The operations tests run real servers from Debian: Prometheus (with promtool), amtool, HAProxy.
    const tools = { prometheus: "prometheus", promtool: "prometheus", amtool: "prometheus-alertmanager", haproxy: "haproxy" };
    const absent = Object.entries(tools).filter(([tool]) => !onPath(tool));
    if (absent.length) throw new Error(`${absent.map(([t]) => t).join(", ")} not found: install the Debian packages ${[...new Set(absent.map(([, p]) => p))].join(" ")} (apt-get install -y --no-install-recommends …).`);
    const name = `gm_e2e_${process.pid}`;
    const e2eUrl = await createDatabase(name);
    const e2eEnv = { DATABASE_URL: e2eUrl, REDIS_KEY_PREFIX: `gm-e2e-${process.pid}:` };
    try {
      await run("e2e database: migrate", process.execPath, ["packages/db/scripts/migrate.mjs", "deploy"], e2eEnv);
      await run("e2e database: seed", "pnpm", ["--filter", "@gm/seed", "--silent", "seed"], e2eEnv);
      await run("e2e database: market seed", "pnpm", ["--filter", "@gm/seed", "--silent", "seed:market"], e2eEnv);
      await run("build the Mini App", "pnpm", ["exec", "turbo", "run", "build", "--filter=@gm/web", "--output-logs=errors-only"]);
      // Deposits reach the Mini App through the local chain and the worker, as in `pnpm dev`.
      const [chainPort, workerPort] = await Promise.all([freePort(), freePort()]);
      const chain = await background("the local TON chain", "pnpm", ["--filter", "@gm/ton", "--silent", "chain"], { TON_LOCAL_CHAIN_PORT: String(chainPort) }, /ready at/);
      const tonEnv = { ...e2eEnv, TON_API_ENDPOINT: `http://127.0.0.1:${chainPort}/jsonRPC`, TON_DEPOSITS_INTERVAL_MS: "1000", TON_WITHDRAWALS_INTERVAL_MS: "1000" };
      const worker = await background("the worker", "pnpm", ["--filter", "@gm/worker", "--silent", "start"], { ...tonEnv, WORKER_PORT: String(workerPort) }, /worker listening/).catch(async (error) => {
        chain.stop();
        throw error;
      });
      try {
        await run("Playwright (Chromium)", "pnpm", ["exec", "playwright", "test"], tonEnv);
      } finally {
        worker.stop();
        chain.stop();
      }
      // The servers as they run for users: the production build (shutdown, proxy trust) and pnpm dev.
      await run("servers (production build, pnpm dev)", "pnpm", ["exec", "vitest", "run", "--config", "e2e/servers/vitest.config.ts"]);
    } finally {
      await dropDatabase(name).catch(() => {});
    }
  }
  console.log("\nTimings:");
  for (const [title, s] of timings) console.log(`  ${title.padEnd(36)} ${s.toFixed(1)} s`);
  console.log("\nAll tests passed.");
} catch (error) {
  console.error(`\n\x1b[31m✖ ${error.message}\x1b[0m`);
  process.exit(1);
}
