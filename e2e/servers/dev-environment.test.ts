// `pnpm dev` on embedded defaults (no DATABASE_URL, no REDIS_URL), with variables of the README's table
// set: each reaches the app it configures through turbo, and the embedded PostgreSQL runs with one
// connection per process (the setting that keeps PGlite's answers exact).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authFor, freePort, root, trpc } from "./support";

const dataDir = mkdtempSync(path.join(tmpdir(), "gm-dev-pglite-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("pnpm dev", () => {
  it("passes the README's variables to the API and the worker, on one connection per process", async () => {
    const [port, workerPort, pglitePort, chainPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      CI: undefined,
      PORT: String(port),
      WORKER_PORT: String(workerPort),
      PGLITE_PORT: String(pglitePort),
      PGLITE_DATA_DIR: dataDir,
      TON_API_ENDPOINT: undefined,
      TON_LOCAL_CHAIN_PORT: String(chainPort),
      USER_RATE_LIMIT_PER_MINUTE: "3",
      LOG_LEVEL: "info",
      // pnpm dev prints pretty lines by default: JSON lines below prove LOG_FORMAT reaches both apps too.
      LOG_FORMAT: "json",
    };
    const child = spawn("pnpm", ["dev"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      // WORKER_PORT reached the worker.
      const health = await waitFor(`the worker on :${workerPort}`, async () => {
        const res = await fetch(`http://127.0.0.1:${workerPort}/health`);
        return res.ok ? ((await res.json()) as { status: string }) : undefined;
      }, 150_000);
      expect(health.status).toBe("ok");
      // PORT reached the web app; USER_RATE_LIMIT_PER_MINUTE reached the API: the fourth call is refused.
      const auth = authFor(9_100_001);
      await waitFor(`the web app on :${port}`, async () => ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok ? true : undefined), 150_000);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await trpc(`http://127.0.0.1:${port}`, "wallet.balance", { auth })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // DB_POOL_SIZE=1 and DB_POOL_OVERFLOW=0, set by pnpm dev for the embedded PostgreSQL, arrived in both.
      expect(output).toMatch(/"service":"api"[^\n]*"poolMax":1\b/);
      expect(output).toMatch(/"service":"worker"[^\n]*"poolMax":1\b/);
      // No TON endpoint: pnpm dev started the local chain on TON_LOCAL_CHAIN_PORT, and the worker reads it.
      expect(output).toContain(`local TON chain ready at http://127.0.0.1:${chainPort}/jsonRPC`);
      expect(output).toMatch(/"service":"worker"[^\n]*reading deposits of the platform wallet/);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- pnpm dev output (last 3000 characters) ---\n${output.slice(-3000)}`);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
  });
});
