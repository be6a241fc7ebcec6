/**
 * Runs once when the server starts. In the Node.js runtime, the server refuses to start with a bad
 * configuration (missing secrets, the dev bot token in production, ...): better to crash at boot
 * than to serve requests that fail later.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartupConfig, warmUp } = await import("./instrumentation-node");
    checkStartupConfig();
    await warmUp();
  }
}
