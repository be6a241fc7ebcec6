// @gm/api's server entry, for the web app's route handlers and instrumentation.
import { createReadiness, createTrpcHandler } from "./http";
import { readApiConfig } from "./env";

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
