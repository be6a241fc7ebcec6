import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "ton",
    environment: "node",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each share one Redis (each with its own key prefix): one file at a time.
    fileParallelism: false,
  },
});
