// The standalone worker: runs the product's background tasks under the task manager, serves /health
// and /metrics, and stops cleanly on SIGTERM/SIGINT.
import { createDatabase } from "@gm/db";
import { createBackends } from "@gm/redis";
import { createTaskStateRepository } from "@gm/core";
import { createLogger } from "@gm/observability/logger";
import { gaugeFromCallback } from "@gm/observability/metrics";
import { createHealthServer, runChecks } from "@gm/observability/health";
import { readWorkerEnv } from "./env";
import { TaskManager } from "./task-manager";
import { IDEMPOTENCY_CLEANUP, idempotencyCleanupTask } from "./tasks/idempotency-cleanup";
import { TON_DEPOSITS, tonDepositsTask } from "./tasks/ton-deposits";
import { TON_WITHDRAWALS, tonWithdrawalsTask } from "./tasks/ton-withdrawals";
import { OFFER_EXPIRY, offerExpiryTask } from "./tasks/offer-expiry";
import { AUCTION_SETTLEMENT, auctionSettlementTask } from "./tasks/auction-settlement";
import { PRESALE_DEADLINES, presaleDeadlinesTask } from "./tasks/presale-deadlines";
import { createTonGateway, platformWallet } from "@gm/ton";

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
  const core = { database: db, cache: backends.cache, logger };
  taskManager.register(OFFER_EXPIRY.name, offerExpiryTask(core, logger), env.offerExpiryIntervalMs);
  taskManager.register(AUCTION_SETTLEMENT.name, auctionSettlementTask(core, logger), env.auctionSettlementIntervalMs);
  taskManager.register(PRESALE_DEADLINES.name, presaleDeadlinesTask(core, logger), env.presaleDeadlinesIntervalMs);
  let tonBreaker = () => "closed";
  if (env.ton.endpoint) {
    const gateway = createTonGateway({
      endpoint: env.ton.endpoint,
      apiKey: env.ton.apiKey,
      timeoutMs: env.ton.timeoutMs,
      onBreakerChange: (state) => logger.warn({ breaker: state }, `TON API circuit breaker ${state}`),
    });
    tonBreaker = () => gateway.breakerState();
    gaugeFromCallback("gm_ton_breaker_open", "1 while the TON API circuit breaker is open", () => (gateway.breakerState() === "open" ? 1 : 0));
    const wallet = await platformWallet(env.ton.mnemonic);
    logger.info({ wallet: wallet.address.toString({ testOnly: true }), endpoint: new URL(env.ton.endpoint).host }, "reading deposits of the platform wallet and sending withdrawals from it");
    taskManager.register(TON_DEPOSITS.name, tonDepositsTask({ core, gateway, wallet: wallet.address, logger }), env.depositsIntervalMs);
    taskManager.register(TON_WITHDRAWALS.name, tonWithdrawalsTask({ core, gateway, wallet, logger }), env.withdrawalsIntervalMs);
  } else {
    logger.warn("no TON_API_ENDPOINT: deposits are not read and withdrawals not sent (pnpm dev starts a local chain)");
  }

  let stopping = false;
  const server = createHealthServer({
    // Liveness, with each task's status on this instance.
    live: () => ({ ok: !stopping, status: stopping ? "stopping" : "ok", runner: env.runnerId, tasks: taskManager.status() }),
    ready: async () => {
      if (stopping) return { ok: false, checks: { shutdown: { ok: false, latencyMs: 0, error: "shutting down" } } };
      return runChecks({
        database: () => db.ping(),
        [backends.kind === "redis" ? "redis" : "locks (in-process)"]: () => backends.ping(),
        // The TON API's breaker, not a call: an open breaker means deposits and withdrawals wait.
        ton: async () => {
          if (tonBreaker() === "open") throw new Error("the TON API circuit breaker is open");
        },
      });
    },
  });

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
