// The database's configuration, read from the environment in this one place.
import { z } from "zod";
import { readEnv } from "@gm/config";

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

export const dbEnvShape = {
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  /** Connections kept open. */
  DB_POOL_SIZE: int(10),
  /** Extra connections opened under load and closed when idle. */
  DB_POOL_OVERFLOW: int(5),
  DB_CONNECT_TIMEOUT_MS: int(5_000),
  DB_IDLE_TIMEOUT_MS: int(30_000),
  /** Server-side limit on any one statement. */
  DB_STATEMENT_TIMEOUT_MS: int(10_000),
  /** Recycle: a connection older than this is closed and replaced. */
  DB_MAX_LIFETIME_SECONDS: int(1_800),
  /** How long a transaction may wait for a connection, and run. */
  DB_TX_MAX_WAIT_MS: int(5_000),
  DB_TX_TIMEOUT_MS: int(10_000),
  /** `application_name` of every connection, to tell services apart in pg_stat_activity. */
  SERVICE_NAME: z.string().min(1).max(63).default("gift-market"),
};

export type DbConfig = ReturnType<typeof readDbConfig>;

export function readDbConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv("database", dbEnvShape, env);
}
