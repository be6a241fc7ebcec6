import { describe, expect, it } from "vitest";
import { metricsAllowed, readMetricsToken, runChecks } from "./health";
import { countBusiness, registry } from "./metrics";

describe("who may read /metrics", () => {
  const token = "a-long-enough-token-123";
  it("without a token: loopback and private addresses only", () => {
    for (const ip of ["127.0.0.1", "::1", "10.1.2.3", "172.20.0.5", "192.168.1.9", "::ffff:10.0.0.7", "fd00::1"]) {
      expect(metricsAllowed({ authorization: null, clientIp: ip }), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "2001:4860::8888", "::ffff:1.2.3.4", "unknown", undefined]) {
      expect(metricsAllowed({ authorization: null, clientIp: ip }), String(ip)).toBe(false);
    }
  });

  it("with a token: only its bearer, from any address", () => {
    expect(metricsAllowed({ token, authorization: `Bearer ${token}`, clientIp: "8.8.8.8" })).toBe(true);
    expect(metricsAllowed({ token, authorization: "Bearer wrong", clientIp: "127.0.0.1" })).toBe(false);
    expect(metricsAllowed({ token, authorization: `Basic ${token}`, clientIp: "127.0.0.1" })).toBe(false);
    expect(metricsAllowed({ token, authorization: null, clientIp: "127.0.0.1" })).toBe(false);
  });

  it("refuses a token short enough to guess", () => {
    expect(() => readMetricsToken({ METRICS_TOKEN: "short" })).toThrow(/at least 16/);
    expect(readMetricsToken({ METRICS_TOKEN: token })).toBe(token);
    expect(readMetricsToken({})).toBeUndefined();
  });
});

describe("readiness checks", () => {
  it("bounds each check by its own timeout and reports each with its latency", async () => {
    const hang = () => new Promise<void>(() => {});
    const started = performance.now();
    const r = await runChecks({
      database: { run: async () => {}, timeoutMs: 1000 },
      redis: { run: hang, timeoutMs: 50 },
      ton: { run: hang, timeoutMs: 120, informational: true },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    expect(r.checks.database).toMatchObject({ ok: true });
    expect(r.checks.redis).toMatchObject({ ok: false, error: "timed out after 50 ms" });
    expect(r.checks.ton).toMatchObject({ ok: false, informational: true, error: "timed out after 120 ms" });
    expect(r.checks.redis!.latencyMs).toBeGreaterThanOrEqual(45);
  });

  it("an informational check failing alone leaves the process ready", async () => {
    const r = await runChecks({ database: { run: async () => {}, timeoutMs: 100 }, ton: { run: () => Promise.reject(new Error("down")), timeoutMs: 100, informational: true } });
    expect(r.ok).toBe(true);
    expect(r.checks.ton).toMatchObject({ ok: false, error: "down" });
  });
});

describe("business counters", () => {
  it("count events and the TON they moved, with every event present from the start", async () => {
    const before = await registry.getSingleMetric("gm_business_events_total")!.get();
    expect(before.values.map((v) => v.labels.event)).toContain("withdrawal_refunded");
    countBusiness("purchase", [1_500_000_000n, 2_000_000_000n]);
    const events = (await registry.getSingleMetric("gm_business_events_total")!.get()).values.find((v) => v.labels.event === "purchase")!;
    const volume = (await registry.getSingleMetric("gm_business_volume_ton_total")!.get()).values.find((v) => v.labels.event === "purchase")!;
    expect(events.value).toBe(2);
    expect(volume.value).toBeCloseTo(3.5);
  });
});
