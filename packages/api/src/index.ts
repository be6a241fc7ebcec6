// @gm/api's server entry, for the web app's route handlers and instrumentation.
import { createReadiness, createTrpcHandler } from "./http";
import { readApiConfig } from "./env";
import { getRuntime } from "./runtime";

export { appRouter, type AppRouter } from "./router";
export { health, metricsResponse, createTrpcHandler, createReadiness, type Readiness, type TrpcHandlerOptions } from "./http";
export { createRuntime, getRuntime, closeRuntime, type Runtime } from "./runtime";
export { devInitData, signInitData } from "./dev";
export { DEV_BOT_TOKEN, readApiConfig, type ApiConfig } from "./env";

export const handleTrpc = createTrpcHandler();
export const readiness = createReadiness();

/** Called once at server start: refuses to boot production with the dev token, no token or the mock. */
export function assertStartupConfig(): void {
  readApiConfig();
}

/**
 * Opens the pools before the first request (best effort, bounded): the first calls then find Redis
 * connected, so their limits are counted where every instance counts them.
 */
export async function warmUp(): Promise<void> {
  const rt = getRuntime();
  await Promise.allSettled([rt.db.ping(), rt.backends.ping()]);
}
