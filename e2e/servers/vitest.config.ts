import { defineConfig } from "vitest/config";

// Tests of the servers as they run for users (pnpm test e2e runs them after `next build`): each file starts servers
// of its own, so files run one at a time on the 2-core machine.
export default defineConfig({
  test: {
    include: ["e2e/servers/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
