import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive the production build of apps/web in Debian's Chromium (never
 * `playwright install`). The caller provides DATABASE_URL, REDIS_URL, ... and has already
 * migrated and seeded the database and built the app (see the root `test` script).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  // e2e/servers/*.test.ts are vitest tests of the servers themselves (pnpm test runs them after these).
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    serviceWorkers: "block",
  },
  projects: [
    {
      name: "mini-app",
      use: {
        ...devices["Pixel 7"],
        browserName: "chromium",
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "pnpm --filter @gm/web start",
    url: `${baseURL}/api/health`,
    reuseExistingServer: !isCI,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      // `next start` would default NODE_ENV to production, where the API (rightly) refuses the dev
      // bot token and the mocked Telegram environment. Tests run the production build as "test".
      NODE_ENV: "test",
      ...definedEnv(),
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});

/** The caller's environment (DATABASE_URL, REDIS_URL, BOT_TOKEN, ...), without unset values. */
function definedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
