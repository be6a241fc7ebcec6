// What a running API process holds: config, the database pool, Redis (or in-process) backends, the logger.
// The API's composition root: the one file of this package that builds the database (and so may import
// @gm/db); everything else reaches it through core's use cases.
import type { CoreRuntime } from "@gm/core";
import { createDatabase, readDbConfig, type Database } from "@gm/db";
import { createBackends, readRedisConfig, type Backends } from "@gm/redis";
import { createLogger, type Logger } from "@gm/observability/logger";
import { registerRuntimeGauges } from "@gm/observability/metrics";
import { Address } from "@ton/core";
import { createTonGateway, platformWallet, readTonApiConfig, readTonConfig, requestFaucet, type TonGateway } from "@gm/ton";
import { readApiConfig, type ApiConfig } from "./env";
import { processSingleton, webServerState } from "./server-state";

export interface Runtime {
  config: ApiConfig;
  db: Database;
  backends: Backends;
  logger: Logger;
  /** What core's executors run use cases with. */
  core: CoreRuntime;
  /** The TON API, for readiness only (the API never signs or sends); absent without TON_API_ENDPOINT. */
  ton?: TonGateway;
}

export function createRuntime(env: NodeJS.ProcessEnv = process.env, parts: Partial<Runtime> = {}): Runtime {
  const logger = parts.logger ?? createLogger("api");
  const config = parts.config ?? readApiConfig(env);
  const db = parts.db ?? createDatabase(readDbConfig(env));
  const backends = parts.backends ?? createBackends(readRedisConfig(env));
  const dbUrl = new URL(db.config.DATABASE_URL);
  logger.info(
    { database: `${dbUrl.hostname}:${dbUrl.port || 5432}${dbUrl.pathname}`, poolMax: db.poolStats().max, backends: backends.kind },
    `API using PostgreSQL at ${dbUrl.hostname}:${dbUrl.port || 5432}${dbUrl.pathname} and ${backends.kind === "redis" ? "Redis" : "in-process limiter, cache and locks (no REDIS_URL)"}`,
  );
  const tonApi = readTonApiConfig(env);
  const depositAddress = depositAddressOf(config, env);
  const ton = {
    network: config.tonNetwork,
    depositAddress,
    // The local chain's faucet: outside production only (a real endpoint refuses it anyway).
    faucet: tonApi.endpoint && !config.production
      ? async (amount: bigint, comment: string) => requestFaucet(tonApi.endpoint!, { to: Address.parse(await depositAddress()), amount, comment })
      : undefined,
  };
  const gateway = parts.ton ?? (tonApi.endpoint ? createTonGateway({ endpoint: tonApi.endpoint, apiKey: tonApi.apiKey, timeoutMs: tonApi.timeoutMs }) : undefined);
  registerRuntimeGauges({
    pool: () => db.poolStats(),
    redisConnections: backends.kind === "redis" ? () => backends.connections() : undefined,
    breakerOpen: gateway ? () => gateway.breakerState() === "open" : undefined,
  });
  return { config, db, backends, logger, ton: gateway, core: { database: db, cache: backends.cache, locker: backends.locker, logger, config: { searchPageCacheMs: config.searchPageCacheMs, tonProof: config.tonProof, ton } } };
}

/** The deposit address: TON_WALLET_ADDRESS, or outside production the dev wallet's (derived once). */
function depositAddressOf(config: ApiConfig, env: NodeJS.ProcessEnv): () => Promise<string> {
  if (config.tonWalletAddress) {
    const address = config.tonWalletAddress;
    return async () => address;
  }
  let derived: Promise<string> | undefined;
  return () =>
    (derived ??= platformWallet(readTonConfig({ ...env, TON_API_ENDPOINT: undefined }).mnemonic).then((w) =>
      w.address.toString({ bounceable: false, testOnly: config.tonNetwork === "testnet" }),
    ));
}

// On globalThis: the route handlers and the instrumentation hook may each get their own copy of this
// module in the production build, and they must share one pool.
const shared = processSingleton<Runtime>("api.runtime");

/** The process-wide runtime, created on first use; the web server closes it after its last request. */
export function getRuntime(): Runtime {
  let rt = shared.get();
  if (!rt) {
    shared.set((rt = createRuntime()));
    webServerState()?.onShutdown(closeRuntime);
  }
  return rt;
}

export async function closeRuntime(): Promise<void> {
  const rt = shared.get();
  shared.set(undefined);
  if (rt) await Promise.all([rt.db.close(), rt.backends.close()]);
}
