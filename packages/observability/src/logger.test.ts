import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { enrichContext, runWithContext } from "./context";

describe("logger", () => {
  it("writes JSON lines carrying the request id, user and procedure of the current context", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const log = createLogger("test", "info", sink);
    log.info("outside");
    await runWithContext({ requestId: "r-1", procedure: "wallet.balance" }, async () => {
      await Promise.resolve();
      enrichContext({ userId: 42n });
      log.info({ durationMs: 3 }, "inside");
    });
    expect(lines[0]).toMatchObject({ level: "info", service: "test", msg: "outside" });
    expect(lines[0]).not.toHaveProperty("requestId");
    expect(lines[1]).toMatchObject({ level: "info", requestId: "r-1", procedure: "wallet.balance", userId: "42", durationMs: 3, msg: "inside" });
    expect(typeof lines[1]!.time).toBe("string");
  });
});
