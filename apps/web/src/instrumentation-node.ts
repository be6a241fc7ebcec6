import { assertStartupConfig, shutdown } from "@gm/api";

/**
 * Next only logs an error thrown by the instrumentation hook and keeps listening, so a bad
 * configuration would give a server that fails every request. Exit instead, so the orchestrator
 * sees the failure (not while `next build` collects pages: the build has no runtime secrets).
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

/**
 * Graceful shutdown: with NEXT_MANUAL_SIG_HANDLE set (the start script sets it) Next leaves SIGTERM and
 * SIGINT to us: readiness turns 503, calls in flight finish, pools close, then the process exits.
 */
export function handleShutdownSignals(): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      shutdown(Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000))
        .catch((error: unknown) => console.error("shutdown failed", error))
        .finally(() => process.exit(0));
    });
  }
}
