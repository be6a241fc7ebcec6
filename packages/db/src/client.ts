// The Prisma client factory: one pg pool per process, configured from DbConfig.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import type { DbConfig } from "./env";
import { createSqlReader, inSqlUnitOfWork, type SqlReader } from "./sql-unit-of-work";
import type { UnitOfWork, UnitOfWorkOptions } from "./unit-of-work";

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  config: DbConfig;
  /** Pool counters for metrics and readiness. */
  poolStats(): { total: number; idle: number; waiting: number; max: number };
  /** A unit of work on a pg client of the pool, raw SQL only: the hot path (sql-unit-of-work.ts). */
  sqlUnitOfWork<T>(work: (uow: UnitOfWork) => Promise<T>, options?: UnitOfWorkOptions): Promise<T>;
  /** Hot reads straight on the pool, raw SQL only (sql-unit-of-work.ts). */
  reader: SqlReader;
  /** Round-trip to the server (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createDatabase(config: DbConfig): Database {
  const max = Math.max(1, config.DB_POOL_SIZE + config.DB_POOL_OVERFLOW);
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    max,
    min: Math.min(config.DB_POOL_SIZE, max),
    connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: config.DB_IDLE_TIMEOUT_MS,
    maxLifetimeSeconds: config.DB_MAX_LIFETIME_SECONDS,
    statement_timeout: config.DB_STATEMENT_TIMEOUT_MS || undefined,
    keepAlive: true,
    application_name: config.SERVICE_NAME,
  });
  // An idle client that loses its server must not crash the process: pg drops it from the pool and the
  // next checkout opens a fresh one (our "pre-ping": dead connections never reach a query).
  pool.on("error", () => {});
  const adapter = new PrismaPg(pool);
  const prisma = new PrismaClient({
    adapter,
    transactionOptions: { maxWait: config.DB_TX_MAX_WAIT_MS, timeout: config.DB_TX_TIMEOUT_MS },
  });
  let closed = false;
  return {
    prisma,
    pool,
    config,
    sqlUnitOfWork: (work, options) => inSqlUnitOfWork(pool, work, options),
    reader: createSqlReader(pool),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
