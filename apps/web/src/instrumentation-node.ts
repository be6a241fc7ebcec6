import { assertStartupConfig, warmUp as warmUpApi } from "@gm/api";

/**
 * Next only logs an error thrown by the instrumentation hook and keeps listening, so a bad
 * configuration would give a server that fails every request. Exit instead, so the orchestrator
 * sees the failure (not while `next build` collects pages: the build has no runtime secrets).
 * Signals and graceful shutdown belong to the web server (server/main.mjs), not to a module here.
 */
export function checkStartupConfig(): void {
  try {
    assertStartupConfig();
  } catch (error) {
    if (process.env.NEXT_PHASE === "phase-production-build") throw error;
    console.error(`Refusing to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** Connects the database and Redis before the server takes traffic (not during `next build`). */
export async function warmUp(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  await warmUpApi();
}
