// Prometheus metrics. One registry per process; each app adds its own collectors.
import client from "prom-client";

// On globalThis: the production build may copy this module into several chunks (a route handler's, the
// instrumentation hook's), and a gauge registered by the runtime in one must be scraped by /api/metrics
// in another — two registries would each miss the other's series.
const KEY = Symbol.for("gift-market.metrics");
const holder = globalThis as { [KEY]?: { registry: client.Registry; metrics: ReturnType<typeof createMetrics> } };

function createMetrics(registry: client.Registry) {
  return {
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
    businessEvents: new client.Counter({
      name: "gm_business_events_total",
      help: "Committed business events (purchases, offers accepted, bids, settlements, presales, deposits, withdrawals)",
      labelNames: ["event"] as const,
      registers: [registry],
    }),
    businessVolume: new client.Counter({
      name: "gm_business_volume_ton_total",
      help: "TON moved by committed business events (a float for dashboards; the ledger holds the exact nanoTON)",
      labelNames: ["event"] as const,
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
}

function createRegistry() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return { registry, metrics: createMetrics(registry) };
}

const shared = (holder[KEY] ??= createRegistry());
export const registry = shared.registry;
export const metrics = shared.metrics;

export const BUSINESS_EVENTS = [
  "purchase",
  "offer_accepted",
  "bid",
  "auction_settled",
  "presale_bought",
  "presale_delivered",
  "deposit_credited",
  "withdrawal_requested",
  "withdrawal_sent",
  "withdrawal_confirmed",
  "withdrawal_refunded",
] as const;
export type BusinessEvent = (typeof BUSINESS_EVENTS)[number];

// Every event exists from the start at 0: a rate over a series that appears only with its first event
// misses that event, and dashboards would show "no data" instead of zero.
for (const event of BUSINESS_EVENTS) {
  metrics.businessEvents.inc({ event }, 0);
  metrics.businessVolume.inc({ event }, 0);
}

/** Counts committed events with the nanoTON each moved (call it after the commit, never inside). */
export function countBusiness(event: BusinessEvent, amounts: readonly bigint[]): void {
  if (amounts.length === 0) return;
  let sum = 0n;
  for (const a of amounts) sum += a;
  metrics.businessEvents.inc({ event }, amounts.length);
  metrics.businessVolume.inc({ event }, Number(sum) / 1e9);
}

type GaugeValue = number | Record<string, number> | undefined;

/**
 * Registers a gauge whose value is read at scrape time (DB pool, Redis, a database query). A read that
 * fails or returns undefined leaves the gauge without a value for that scrape (the series is absent,
 * which alerts can see with `absent()`); it never fails the whole scrape.
 */
export function gaugeFromCallback(name: string, help: string, read: () => GaugeValue | Promise<GaugeValue>, labelName = "state"): void {
  if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
  new client.Gauge({
    name,
    help,
    labelNames: [labelName],
    registers: [registry],
    async collect() {
      this.reset();
      let value: GaugeValue;
      try {
        value = await read();
      } catch {
        return;
      }
      if (value === undefined) return;
      if (typeof value === "number") this.set(value);
      else for (const [label, v] of Object.entries(value)) this.set({ [labelName]: label }, v);
    },
  });
}

/** The gauges every process has: its database pool, Redis and (when it talks to TON) the API's breaker. */
export function registerRuntimeGauges(parts: {
  pool: () => { total: number; idle: number; waiting: number; max: number };
  /** Redis connections ready for commands; absent on in-process backends. */
  redisConnections?: () => number;
  breakerOpen?: () => boolean;
}): void {
  gaugeFromCallback("gm_db_pool_connections", "PostgreSQL pool connections by state (in_use, idle, waiting for one, total, max)", () => {
    const s = parts.pool();
    return { in_use: s.total - s.idle, idle: s.idle, waiting: s.waiting, total: s.total, max: s.max };
  });
  const redis = parts.redisConnections;
  if (redis) {
    gaugeFromCallback("gm_redis_up", "1 while Redis answers commands (0: limits count in memory, the cache is bypassed)", () => (redis() > 0 ? 1 : 0));
    gaugeFromCallback("gm_redis_connections", "Redis connections ready for commands", redis);
  }
  const breakerOpen = parts.breakerOpen;
  if (breakerOpen) gaugeFromCallback("gm_ton_breaker_open", "1 while the TON API circuit breaker is open (calls fail fast)", () => (breakerOpen() ? 1 : 0));
}
