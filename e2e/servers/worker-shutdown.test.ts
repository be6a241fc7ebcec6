// SIGTERM to the worker while a task run is in flight: the run completes (its one statement is never
// half-applied), health answers 503 while stopping, the pools close and the process exits 0 after logging
// each step.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { redisUrl } from "../../scripts/services.mjs";
import { freePort, preparedDatabase, root } from "./support";

let db: Awaited<ReturnType<typeof preparedDatabase>>;
beforeAll(async () => {
  db = await preparedDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const EXPIRED = 400_000;

describe("graceful shutdown of the worker", () => {
  it("lets the task run in flight finish, says 503 while stopping, and exits 0", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // Work for the idempotency cleanup, which runs as soon as the worker starts: one big DELETE.
    await client.query(`
      INSERT INTO idempotency_records (user_id, key, procedure, request_hash, response, created_at)
      SELECT 1, 'k' || g, 'listing.buy', 'h', '{}', now() - interval '2 days' FROM generate_series(1, ${EXPIRED}) g`);
    const port = await freePort();
    const worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: `gm-worker-${randomBytes(4).toString("hex")}:`, WORKER_PORT: String(port), LOG_LEVEL: "debug" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout.on("data", (c: Buffer) => (output += c.toString()));
    worker.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", resolve));
    try {
      // Wait until the cleanup is running in PostgreSQL, then signal.
      let running = false;
      for (let i = 0; i < 750 && !running; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const { rows } = await client.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%DELETE FROM idempotency_records%'");
        running = rows.length > 0;
      }
      expect(running).toBe(true);
      worker.kill("SIGTERM");
      const health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => "refused");
      const code = await exited;

      expect(code).toBe(0);
      expect([503, "refused"]).toContain(health);
      // The run in flight completed: every expired record is gone, and its success is on record.
      const { rows: left } = await client.query<{ n: string }>("SELECT count(*)::text AS n FROM idempotency_records WHERE created_at < now() - interval '1 day'");
      expect(left[0]!.n).toBe("0");
      const { rows: state } = await client.query<{ last_success_at: Date | null }>("SELECT last_success_at FROM task_states WHERE name = 'idempotency-cleanup'");
      expect(state[0]?.last_success_at).toBeInstanceOf(Date);
      // In the order they happened (their timestamps), whatever order the pipe delivered them in.
      const messages = output
        .split("\n")
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { msg: string; time: string }];
          } catch {
            return [];
          }
        })
        .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
        .map((l) => l.msg);
      const steps = ["shutting down", "task manager stopped", "worker stopped"].map((m) => messages.indexOf(m));
      expect(steps.every((i) => i >= 0)).toBe(true);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- worker output (last 2000 characters) ---\n${output.slice(-2000)}`);
    } finally {
      if (worker.exitCode === null) worker.kill("SIGKILL");
      await client.end();
    }
  });
});
