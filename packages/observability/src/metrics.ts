// Prometheus metrics. One registry per process; each app adds its own collectors.
import client from "prom-client";

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const metrics = {
  requests: new client.Counter({
    name: "gm_trpc_requests_total",
    help: "tRPC calls by procedure and outcome",
    labelNames: ["procedure", "type", "code"] as const,
    registers: [registry],
  }),
  requestDuration: new client.Histogram({
    name: "gm_trpc_request_duration_seconds",
    help: "tRPC call latency by procedure",
    labelNames: ["procedure", "type"] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
  moneyOperations: new client.Counter({
    name: "gm_money_operations_total",
    help: "Money movements by kind (purchases, bids, deposits, withdrawals, adjustments)",
    labelNames: ["kind"] as const,
    registers: [registry],
  }),
  taskRuns: new client.Counter({
    name: "gm_task_runs_total",
    help: "Background task runs by outcome",
    labelNames: ["task", "outcome"] as const,
    registers: [registry],
  }),
  taskLastSuccess: new client.Gauge({
    name: "gm_task_last_success_timestamp_seconds",
    help: "Unix time of each background task's last successful run",
    labelNames: ["task"] as const,
    registers: [registry],
  }),
  taskDuration: new client.Histogram({
    name: "gm_task_duration_seconds",
    help: "Background task run duration",
    labelNames: ["task"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  }),
};

/** Registers a gauge whose value is read at scrape time (DB pool, Redis connections). */
export function gaugeFromCallback(name: string, help: string, read: () => number | Record<string, number>, labelName = "state"): void {
  if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
  new client.Gauge({
    name,
    help,
    labelNames: [labelName],
    registers: [registry],
    collect() {
      const value = read();
      if (typeof value === "number") this.set(value);
      else for (const [label, v] of Object.entries(value)) this.set({ [labelName]: label }, v);
    },
  });
}
