// The task manager against real PostgreSQL and Redis: what an operator relies on — tasks run on their
// interval and the admin page sees it, failures back off and recover, two worker instances never run the
// same task at once, and stopping lets a run in flight finish.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@gm/db/testing";
import { createTaskStateRepository } from "@gm/core";
import { createBackends, memoryBackends, readRedisConfig, type Backends } from "@gm/redis";
import { createLogger } from "@gm/observability/logger";
import { metrics } from "@gm/observability/metrics";
import { TaskManager, type BackoffOptions } from "./task-manager";

const logger = createLogger("worker-test", "silent");
const redisConfig = readRedisConfig({
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_KEY_PREFIX: `gm-test-${randomBytes(6).toString("hex")}:`,
});

let db: TestDatabase;
const openBackends: Backends[] = [];
const managers: TaskManager[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});
afterAll(async () => {
  await Promise.all(openBackends.splice(0).map((b) => b.close()));
  await db?.drop();
});

/** A separate Redis connection: what a separate worker instance would have. */
function redisInstance(): Backends {
  const b = createBackends(redisConfig);
  openBackends.push(b);
  return b;
}

function manager(backends: Backends, runnerId: string, backoff?: BackoffOptions): TaskManager {
  const m = new TaskManager({ locker: backends.locker, repository: createTaskStateRepository(db.prisma), logger, runnerId, backoff });
  managers.push(m);
  return m;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniqueName = (base: string) => `${base}-${randomBytes(3).toString("hex")}`;
const stateOf = (name: string) => db.prisma.taskState.findUniqueOrThrow({ where: { name } });
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

async function runCount(task: string, outcome: string): Promise<number> {
  const { values } = await metrics.taskRuns.get();
  return values.find((v) => v.labels.task === task && v.labels.outcome === outcome)?.value ?? 0;
}

describe.each([
  { kind: "redis", backends: () => redisInstance() },
  { kind: "memory", backends: () => memoryBackends() },
])("task manager with $kind backends", ({ kind, backends }) => {
  it("runs a task at its interval and persists each run for the admin page", async () => {
    const name = uniqueName(`tick-${kind}`);
    const times: number[] = [];
    const m = manager(backends(), `runner-${kind}`);
    m.register(name, async () => void times.push(Date.now()), 100);
    await m.start();
    expect(await stateOf(name)).toMatchObject({ intervalMs: 100 });

    await vi.waitFor(() => expect(times.length).toBeGreaterThanOrEqual(5), { timeout: 5_000, interval: 20 });
    await m.stop();

    // On the interval: neither a busy loop nor stalled.
    for (const gap of gaps(times)) {
      expect(gap).toBeGreaterThanOrEqual(90);
      expect(gap).toBeLessThan(600);
    }
    const state = await stateOf(name);
    expect(state).toMatchObject({ runs: times.length, failures: 0, consecutiveFailures: 0, runner: `runner-${kind}`, lastError: null });
    expect(state.lastSuccessAt).not.toBeNull();
    expect(state.lastRunAt).not.toBeNull();
    expect(state.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(await runCount(name, "success")).toBe(times.length);
    expect(m.status()).toEqual([expect.objectContaining({ name, runs: times.length, failures: 0, running: false, nextRunAt: null })]);
  });

  it("runs a task again at the moment it asks for, sooner than its interval, then back on the interval", async () => {
    const name = uniqueName(`precise-${kind}`);
    const times: number[] = [];
    const wanted = [Date.now() + 400, Date.now() + 700];
    const m = manager(backends(), `runner-${kind}`);
    m.register(name, async () => {
      times.push(Date.now());
      const next = wanted.find((t) => t > Date.now() + 5);
      return { nextRunAt: next ? new Date(next) : null };
    }, 60_000);
    await m.start();
    await vi.waitFor(() => expect(times.length).toBe(3), { timeout: 3_000, interval: 10 });
    // Each on its moment (setTimeout's own slack aside), and not skipped as "another instance ran it this interval".
    expect(Math.abs(times[1]! - wanted[0]!)).toBeLessThan(50);
    expect(Math.abs(times[2]! - wanted[1]!)).toBeLessThan(50);
    await sleep(300);
    expect(times).toHaveLength(3);
    expect(m.status()[0]!.nextRunAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
  });

  it("records a failing task's errors, backs off exponentially, and recovers", async () => {
    const name = uniqueName(`flaky-${kind}`);
    const times: number[] = [];
    const m = manager(backends(), `runner-${kind}`, { random: () => 0.5, maxMs: 5_000 }); // 0.5: no jitter
    m.register(
      name,
      async () => {
        times.push(Date.now());
        if (times.length <= 3) throw new Error(`boom ${times.length}`);
      },
      50,
    );
    await m.start();

    // Three failures in a row are visible to admins before the task recovers.
    await vi.waitFor(
      async () => expect(await stateOf(name)).toMatchObject({ failures: 3, consecutiveFailures: 3, lastError: "boom 3" }),
      { timeout: 5_000, interval: 20 },
    );
    await vi.waitFor(() => expect(times.length).toBeGreaterThanOrEqual(6), { timeout: 5_000, interval: 20 });
    await m.stop();

    // After the nth failure the wait is interval·2ⁿ: 100, 200, 400 ms; after success, the interval again.
    const [g1, g2, g3, g4, g5] = gaps(times);
    expect(g1).toBeGreaterThanOrEqual(95);
    expect(g2).toBeGreaterThanOrEqual(190);
    expect(g3).toBeGreaterThanOrEqual(380);
    expect(g4).toBeLessThan(200);
    expect(g5).toBeLessThan(200);

    const state = await stateOf(name);
    expect(state).toMatchObject({ runs: times.length, failures: 3, consecutiveFailures: 0, lastError: "boom 3" });
    expect(state.lastSuccessAt!.getTime()).toBeGreaterThan(state.lastErrorAt!.getTime());
    expect(await runCount(name, "failure")).toBe(3);
  });

  it("stop() waits for the run in flight, and nothing starts after it", async () => {
    const name = uniqueName(`slow-${kind}`);
    let starts = 0;
    let finished = 0;
    const m = manager(backends(), `runner-${kind}`);
    m.register(
      name,
      async () => {
        starts++;
        await sleep(400);
        finished++;
      },
      10,
    );
    await m.start();
    await vi.waitFor(() => expect(m.status()[0]!.running).toBe(true), { timeout: 5_000, interval: 5 });

    const t0 = Date.now();
    await m.stop();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250); // it waited for the run
    expect(finished).toBe(starts);
    expect(m.status()[0]).toMatchObject({ running: false, nextRunAt: null });
    const startsAtStop = starts;
    await sleep(300);
    expect(starts).toBe(startsAtStop);
    expect((await stateOf(name)).runs).toBe(finished); // the last run was persisted before stop() resolved
  });

  it("stop() returns at once when tasks are only waiting for their next run", async () => {
    const name = uniqueName(`idle-${kind}`);
    let runs = 0;
    const m = manager(backends(), `runner-${kind}`);
    m.register(name, async () => void runs++, 60_000);
    await m.start();
    await vi.waitFor(async () => expect((await stateOf(name)).runs).toBe(1), { timeout: 5_000, interval: 10 });
    const t0 = Date.now();
    await m.stop();
    expect(Date.now() - t0).toBeLessThan(200);
    expect(runs).toBe(1);
  });
});

describe("several worker instances", () => {
  it("never run the same task concurrently when they share Redis", async () => {
    const name = uniqueName("exclusive");
    let active = 0;
    let overlaps = 0;
    let executions = 0;
    const body = async () => {
      active++;
      if (active > 1) overlaps++;
      executions++;
      await sleep(20 + Math.random() * 40);
      active--;
    };
    // Two instances: separate Redis connections, separate managers, the same task.
    const a = manager(redisInstance(), "instance-a");
    const b = manager(redisInstance(), "instance-b");
    a.register(name, body, 15);
    b.register(name, body, 15);
    await Promise.all([a.start(), b.start()]);
    await sleep(2_000);
    await Promise.all([a.stop(), b.stop()]);

    expect(overlaps).toBe(0);
    expect(executions).toBeGreaterThan(5);
    const [sa, sb] = [a.status()[0]!, b.status()[0]!];
    expect(sa.runs + sb.runs).toBe(executions);
    expect(sa.skipped + sb.skipped).toBeGreaterThan(0); // they did contend for the lock
    expect(sa.failures + sb.failures).toBe(0); // a skipped run is not a failure
    // Both instances' increments landed: the persisted count is exact.
    expect(await stateOf(name)).toMatchObject({ runs: executions, failures: 0 });
  });

  it("share one schedule: the task runs about once per interval between them, not once per instance", async () => {
    const name = uniqueName("shared-schedule");
    let executions = 0;
    const a = manager(redisInstance(), "instance-a");
    const b = manager(redisInstance(), "instance-b");
    a.register(name, async () => void executions++, 300);
    b.register(name, async () => void executions++, 300);
    await Promise.all([a.start(), b.start()]);
    await sleep(3_000);
    await Promise.all([a.stop(), b.stop()]);
    // 3 s at one run per 300 ms is ~10 runs; two independent schedules would make ~20.
    expect(executions).toBeGreaterThanOrEqual(6);
    expect(executions).toBeLessThanOrEqual(14);
  });

  it("keep a run exclusive even when it outlasts the lock's TTL (the lock is extended while it runs)", async () => {
    // The run lasts longer than the lock's TTL: Redis extends the lock automatically while it runs.
    const name = uniqueName("long");
    let active = 0;
    let overlaps = 0;
    let executions = 0;
    const body = async () => {
      active++;
      if (active > 1) overlaps++;
      executions++;
      await sleep(1_500);
      active--;
    };
    const mk = (id: string) => {
      const m = new TaskManager({ locker: redisInstance().locker, repository: createTaskStateRepository(db.prisma), logger, runnerId: id, lockTtlMs: 1_000 });
      managers.push(m);
      m.register(name, body, 10);
      return m;
    };
    const [a, b] = [mk("instance-a"), mk("instance-b")];
    await Promise.all([a.start(), b.start()]);
    await sleep(3_500);
    await Promise.all([a.stop(), b.stop()]);
    expect(overlaps).toBe(0);
    expect(executions).toBeGreaterThanOrEqual(2);
  });
});
