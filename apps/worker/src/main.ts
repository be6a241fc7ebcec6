// The standalone worker: runs the product's background tasks under the task manager, serves /health
// and /metrics, and stops cleanly on SIGTERM/SIGINT.
import { createDatabase, type Database } from "@gm/db";
import { createBackends } from "@gm/redis";
import { createTaskStateRepository, pipelineState, type PipelineState } from "@gm/core";
import { createLogger } from "@gm/observability/logger";
import { gaugeFromCallback, registerRuntimeGauges } from "@gm/observability/metrics";
import { createHealthServer, READINESS_TIMEOUTS, runChecks } from "@gm/observability/health";
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
    const wallet = await platformWallet(env.ton.mnemonic);
    logger.info({ wallet: wallet.address.toString({ testOnly: true }), endpoint: new URL(env.ton.endpoint).host }, "reading deposits of the platform wallet and sending withdrawals from it");
    taskManager.register(TON_DEPOSITS.name, tonDepositsTask({ core, gateway, wallet: wallet.address, logger }), env.depositsIntervalMs);
    taskManager.register(TON_WITHDRAWALS.name, tonWithdrawalsTask({ core, gateway, wallet, logger }), env.withdrawalsIntervalMs);
  } else {
    logger.warn("no TON_API_ENDPOINT: deposits are not read and withdrawals not sent (pnpm dev starts a local chain)");
  }
  registerRuntimeGauges({
    pool: () => db.poolStats(),
    redisConnections: backends.kind === "redis" ? () => backends.connections() : undefined,
    breakerOpen: env.ton.endpoint ? () => tonBreaker() === "open" : undefined,
  });
  registerPipelineGauges(db, Boolean(env.ton.endpoint));

  let stopping = false;
  const server = createHealthServer({
    metricsToken: env.metricsToken,
    // Liveness, with each task's status on this instance.
    live: () => ({ ok: !stopping, status: stopping ? "stopping" : "ok", runner: env.runnerId, tasks: taskManager.status() }),
    ready: async () => {
      if (stopping) return { ok: false, checks: { shutdown: { ok: false, latencyMs: 0, error: "shutting down" } } };
      return runChecks({
        database: { run: () => db.ping(), timeoutMs: READINESS_TIMEOUTS.database },
        [backends.kind === "redis" ? "redis" : "locks (in-process)"]: { run: () => backends.ping(), timeoutMs: READINESS_TIMEOUTS.redis },
        // The TON API's breaker, not a call: an open breaker means deposits and withdrawals wait.
        ton: {
          run: async () => {
            if (tonBreaker() === "open") throw new Error("the TON API circuit breaker is open");
          },
          timeoutMs: READINESS_TIMEOUTS.ton,
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

/** The TON pipeline's gauges, read from the database at scrape time (one read shared by the gauges of a scrape). */
function registerPipelineGauges(db: Database, withTon: boolean): void {
  let last: { at: number; value: Promise<PipelineState> } | undefined;
  const read = () => {
    if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), value: pipelineState(db) };
    return last.value;
  };
  gaugeFromCallback("gm_withdrawals_unfinished", "Withdrawals not yet confirmed or refunded, by status", async () => (await read()).withdrawalsUnfinished, "status");
  gaugeFromCallback("gm_withdrawals_oldest_unfinished_age_seconds", "Age of the oldest unfinished withdrawal (0 when none)", async () => {
    const oldest = (await read()).oldestUnfinishedWithdrawalAt;
    return oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0;
  });
  if (withTon) {
    gaugeFromCallback("gm_ton_deposit_cursor_age_seconds", "Seconds since the deposit reader last read the platform wallet up to the chain's head", async () => (await read()).depositsReadAgeSeconds ?? undefined);
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
