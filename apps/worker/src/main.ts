// The standalone worker: runs the product's background tasks under the task manager, serves /health
// and /metrics, and stops cleanly on SIGTERM/SIGINT.
import http from "node:http";
import { createDatabase } from "@gm/db";
import { createBackends } from "@gm/redis";
import { createTaskStateRepository } from "@gm/core";
import { createLogger } from "@gm/observability/logger";
import { gaugeFromCallback, registry } from "@gm/observability/metrics";
import { readWorkerEnv } from "./env";
import { TaskManager } from "./task-manager";
import { IDEMPOTENCY_CLEANUP, idempotencyCleanupTask } from "./tasks/idempotency-cleanup";

const logger = createLogger("worker");

function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "PostgreSQL (unparsable URL)";
  }
}

async function main(): Promise<void> {
  const env = readWorkerEnv();
  const db = createDatabase(env.db);
  const backends = createBackends(env.redis);
  logger.info(
    {
      database: describeDatabase(env.db.DATABASE_URL),
      backends: backends.kind === "redis" ? "Redis" : "in-process (no REDIS_URL)",
      runner: env.runnerId,
      poolMax: db.poolStats().max,
    },
    `worker using ${describeDatabase(env.db.DATABASE_URL)} and ${backends.kind === "redis" ? "Redis" : "in-process (no REDIS_URL)"} backends`,
  );
  if (backends.kind === "memory") logger.warn("in-process locks: run a single worker instance, or set REDIS_URL");

  gaugeFromCallback("gm_db_pool_connections", "Database pool connections by state", () => db.poolStats());
  gaugeFromCallback("gm_redis_connections", "Open Redis connections", () => backends.connections());

  const taskManager = new TaskManager({
    locker: backends.locker,
    repository: createTaskStateRepository(db.prisma),
    logger,
    runnerId: env.runnerId,
  });
  taskManager.register(IDEMPOTENCY_CLEANUP.name, idempotencyCleanupTask(db.prisma, logger), IDEMPOTENCY_CLEANUP.intervalMs);

  let stopping = false;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, { error: "method not allowed" });
    if (path === "/health") {
      // Liveness, with each task's status on this instance.
      return send(stopping ? 503 : 200, { status: stopping ? "stopping" : "ok", runner: env.runnerId, tasks: taskManager.status() });
    }
    if (path === "/ready") {
      const check = async (fn: () => Promise<void>) => {
        try {
          await fn();
          return { ok: true as const };
        } catch (error) {
          return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
        }
      };
      void Promise.all([check(() => db.ping()), check(() => backends.ping())]).then(([database, redis]) => {
        const ready = !stopping && database.ok && redis.ok;
        send(ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks: { database, redis: { kind: backends.kind, ...redis } } });
      });
      return;
    }
    if (path === "/metrics") {
      void registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": registry.contentType });
          res.end(text);
        },
        (error: unknown) => send(500, { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    send(404, { error: "not found" });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  logger.info({ port: env.port }, "worker listening for /health and /metrics");

  // Task locks live in Redis: give the connection a moment so the first turn does not fail on it.
  await backends.ping().catch((error: unknown) => logger.warn({ err: error }, "Redis is not reachable yet: task turns fail and back off until it is"));
  await taskManager.start();

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const hard = setTimeout(() => {
      logger.error({ timeoutMs: env.shutdownTimeoutMs }, "graceful shutdown timed out: exiting");
      process.exit(1);
    }, env.shutdownTimeoutMs);
    hard.unref();
    void (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await taskManager.stop();
      await closed;
      await db.close();
      await backends.close();
      logger.info("worker stopped");
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, "error during shutdown");
      process.exit(1);
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
