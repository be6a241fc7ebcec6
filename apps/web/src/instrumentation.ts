/**
 * Runs once when the server starts. In the Node.js runtime, refuse to start with a bad
 * configuration (missing secrets, dev bot token in production, ...): better to crash at boot
 * than to serve requests that fail later.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertStartupConfig } = await import("@gm/api");
    assertStartupConfig();
  }
}
