import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration files each create their own database; running them one at a time keeps the
    // 2-core CI machine from timing out transactions under 200-way concurrency.
    fileParallelism: false,
  },
});
