// The worker's configuration, read from the environment in this one place.
import { hostname } from "node:os";
import { z } from "zod";
import { readEnv } from "@gm/config";
import { readDbConfig, type DbConfig } from "@gm/db";
import { readRedisConfig, type RedisConfig } from "@gm/redis";
import { readTonConfig, type TonConfig } from "@gm/ton";
import { readMetricsToken } from "@gm/observability/health";

export const workerEnvShape = {
  /** Port of /health and /metrics. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  /** Name of this instance in task state and logs; defaults to host:pid. */
  WORKER_ID: z.string().min(1).max(200).optional(),
  /** Hard limit on a graceful stop before the process exits anyway. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** How often the platform wallet is read for deposits. */
  TON_DEPOSITS_INTERVAL_MS: z.coerce.number().int().min(500).default(5_000),
  /** How often withdrawals are sent and their transfers and deliveries looked up. */
  TON_WITHDRAWALS_INTERVAL_MS: z.coerce.number().int().min(500).default(5_000),
  /** How often past-due offers are expired and their holds released. */
  OFFER_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** The longest the auction settlement waits before re-reading when the next auction ends (it settles at the end itself). */
  AUCTION_SETTLEMENT_INTERVAL_MS: z.coerce.number().int().min(200).default(5_000),
  /** How often presales past their delivery deadline are failed (buyer refunded with the collateral) or cancelled. */
  PRESALE_DEADLINES_INTERVAL_MS: z.coerce.number().int().min(1_000).default(300_000),
};

export interface WorkerEnv {
  port: number;
  runnerId: string;
  shutdownTimeoutMs: number;
  db: DbConfig;
  redis: RedisConfig;
  ton: TonConfig;
  depositsIntervalMs: number;
  withdrawalsIntervalMs: number;
  offerExpiryIntervalMs: number;
  auctionSettlementIntervalMs: number;
  presaleDeadlinesIntervalMs: number;
  /** METRICS_TOKEN: /metrics needs it as a bearer token; without it only internal addresses may scrape. */
  metricsToken: string | undefined;
}

export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const e = readEnv("worker", workerEnvShape, env);
  return {
    port: e.WORKER_PORT,
    runnerId: e.WORKER_ID ?? `${hostname()}:${process.pid}`,
    shutdownTimeoutMs: e.WORKER_SHUTDOWN_TIMEOUT_MS,
    db: readDbConfig(env),
    redis: readRedisConfig(env),
    ton: readTonConfig(env),
    depositsIntervalMs: e.TON_DEPOSITS_INTERVAL_MS,
    withdrawalsIntervalMs: e.TON_WITHDRAWALS_INTERVAL_MS,
    offerExpiryIntervalMs: e.OFFER_EXPIRY_INTERVAL_MS,
    auctionSettlementIntervalMs: e.AUCTION_SETTLEMENT_INTERVAL_MS,
    presaleDeadlinesIntervalMs: e.PRESALE_DEADLINES_INTERVAL_MS,
    metricsToken: readMetricsToken(env),
  };
}
