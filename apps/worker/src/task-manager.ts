// The background task manager: named tasks on intervals, one runner per task across worker
// instances (a Redis lock per run), restart after failure with exponential backoff and jitter, state
// persisted for the admin page, metrics for Prometheus, and a clean stop that lets runs in flight finish.
import { randomUUID } from "node:crypto";
import type { Locker } from "@gm/redis";
import type { TaskRunRecord } from "@gm/core";
import type { Logger } from "@gm/observability/logger";
import { runWithContext } from "@gm/observability/context";
import { metrics } from "@gm/observability/metrics";

/**
 * A task's body. The signal aborts when the run must give up: its lock was lost, or stop() ran out of
 * patience. A task that knows when its next work is due (an auction's end) returns `nextRunAt`: the
 * next run starts then, if that is sooner than its interval.
 */
export type TaskFn = (signal: AbortSignal) => Promise<void | TaskRunResult>;

export interface TaskRunResult {
  nextRunAt?: Date | null;
}

/** Where runs are persisted (the task-state repository of @gm/core fits). */
export interface TaskStateStore {
  registerTask(name: string, intervalMs: number): Promise<void>;
  /** Returns false when the task has no row yet. */
  recordRun(name: string, run: TaskRunRecord): Promise<boolean>;
  /** When any instance last ran the task: lets instances share one schedule instead of each running it. */
  lastRunAt?(name: string): Promise<Date | null>;
}

export interface BackoffOptions {
  /** Longest delay after failures (never shorter than the task's own interval). Default 5 minutes. */
  maxMs?: number;
  /** Relative jitter, 0.2 = ±20%. Default 0.2. */
  jitter?: number;
  /** For tests. */
  random?: () => number;
}

export interface TaskManagerOptions {
  locker: Locker;
  repository: TaskStateStore;
  logger: Logger;
  /** This worker instance's name, recorded with each run. */
  runnerId: string;
  backoff?: BackoffOptions;
  /**
   * TTL of the per-run lock. Redis extends it automatically while the run lasts, so it only bounds how
   * long a crashed runner blocks the others. Default 30 s.
   */
  lockTtlMs?: number;
  /** How long stop() lets runs in flight finish before aborting their signals (it still waits for them). Default 10 s. */
  stopGraceMs?: number;
}

export interface TaskStatus {
  name: string;
  intervalMs: number;
  running: boolean;
  /** Runs this instance executed (skipped ones excluded). */
  runs: number;
  failures: number;
  consecutiveFailures: number;
  /** Runs skipped because another instance held the task's lock. */
  skipped: number;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  nextRunAt: Date | null;
}

type RunOutcome = "success" | "failure" | "skipped";

interface Task {
  name: string;
  fn: TaskFn;
  intervalMs: number;
  runs: number;
  failures: number;
  consecutiveFailures: number;
  skipped: number;
  running: boolean;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  nextRunAt: Date | null;
  /** What the last successful run asked for (TaskRunResult.nextRunAt). */
  requestedRunAt: Date | null;
  /** This run was asked for by the task itself: it is not another instance's turn to skip. */
  early: boolean;
  loop: Promise<void> | null;
}

const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;

/** Delay before the next run: the interval, or after n consecutive failures min(interval·2ⁿ, cap) ± jitter. */
export function nextDelayMs(intervalMs: number, consecutiveFailures: number, backoff: BackoffOptions = {}): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const cap = Math.max(backoff.maxMs ?? DEFAULT_MAX_BACKOFF_MS, intervalMs);
  const base = Math.min(intervalMs * 2 ** Math.min(consecutiveFailures, 30), cap);
  const jitter = backoff.jitter ?? 0.2;
  const random = backoff.random ?? Math.random;
  return Math.max(0, Math.round(base * (1 + (random() * 2 - 1) * jitter)));
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class TaskManager {
  private readonly tasks = new Map<string, Task>();
  private readonly locker: Locker;
  private readonly repository: TaskStateStore;
  private readonly logger: Logger;
  private readonly runnerId: string;
  private readonly backoff: BackoffOptions;
  private readonly lockTtlMs: number;
  private readonly stopGraceMs: number;
  /** Aborted by stop(): wakes every sleeping loop. */
  private readonly stopping = new AbortController();
  /** Aborted when stop()'s grace period ends: tells runs in flight to give up. */
  private readonly abortRuns = new AbortController();
  private started = false;
  private stopPromise: Promise<void> | null = null;

  constructor(options: TaskManagerOptions) {
    this.locker = options.locker;
    this.repository = options.repository;
    this.logger = options.logger;
    this.runnerId = options.runnerId;
    this.backoff = options.backoff ?? {};
    this.lockTtlMs = Math.max(1_000, options.lockTtlMs ?? 30_000);
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
  }

  register(name: string, fn: TaskFn, intervalMs: number): this {
    if (this.started) throw new Error(`Cannot register task "${name}" after start()`);
    if (this.tasks.has(name)) throw new Error(`Task "${name}" is already registered`);
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new Error(`Task "${name}" needs a positive interval`);
    // Every outcome's series exists from the start at 0, so "failures in the last 10 minutes" is 0, not "no data".
    for (const outcome of ["success", "failure", "skipped"]) metrics.taskRuns.inc({ task: name, outcome }, 0);
    this.tasks.set(name, {
      name,
      fn,
      intervalMs,
      runs: 0,
      failures: 0,
      consecutiveFailures: 0,
      skipped: 0,
      running: false,
      lastRunAt: null,
      lastSuccessAt: null,
      lastError: null,
      nextRunAt: null,
      requestedRunAt: null,
      early: false,
      loop: null,
    });
    return this;
  }

  /** Registers every task's row and starts their loops; each task runs once at once, then on its interval. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all(
      [...this.tasks.values()].map(async (task) => {
        try {
          await this.repository.registerTask(task.name, task.intervalMs);
        } catch (error) {
          // Not fatal: recordRun registers the row later; the database may just be slow to come up.
          this.logger.error({ err: error, task: task.name }, "could not register task state");
        }
      }),
    );
    if (this.stopping.signal.aborted) return;
    for (const task of this.tasks.values()) {
      task.nextRunAt = new Date();
      task.loop = this.loop(task);
    }
    this.logger.info({ tasks: [...this.tasks.keys()], runner: this.runnerId }, "task manager started");
  }

  /** Stops scheduling, wakes sleeping loops, waits for runs in flight; resolves when nothing runs. Idempotent. */
  stop(): Promise<void> {
    this.stopPromise ??= (async () => {
      this.stopping.abort();
      const loops = [...this.tasks.values()].map((t) => t.loop).filter((l): l is Promise<void> => l !== null);
      const grace = setTimeout(() => {
        this.logger.warn({ running: this.status().filter((t) => t.running).map((t) => t.name) }, "task runs still in flight after the grace period: aborting them");
        this.abortRuns.abort();
      }, this.stopGraceMs);
      try {
        await Promise.all(loops);
      } finally {
        clearTimeout(grace);
      }
      this.logger.info("task manager stopped");
    })();
    return this.stopPromise;
  }

  status(): TaskStatus[] {
    return [...this.tasks.values()].map((t) => ({
      name: t.name,
      intervalMs: t.intervalMs,
      running: t.running,
      runs: t.runs,
      failures: t.failures,
      consecutiveFailures: t.consecutiveFailures,
      skipped: t.skipped,
      lastRunAt: t.lastRunAt,
      lastSuccessAt: t.lastSuccessAt,
      lastError: t.lastError,
      nextRunAt: this.stopping.signal.aborted ? null : t.nextRunAt,
    }));
  }

  private async loop(task: Task): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.runOnce(task);
      } catch (error) {
        // runOnce handles the task's own errors; this is a bug or an outage around it. Keep looping.
        this.logger.error({ err: error, task: task.name }, "task loop error");
      }
      if (this.stopping.signal.aborted) break;
      let delay = nextDelayMs(task.intervalMs, task.consecutiveFailures, this.backoff);
      const requested = task.requestedRunAt ? Math.max(0, task.requestedRunAt.getTime() - Date.now()) : Infinity;
      task.early = requested < delay;
      if (task.early) delay = requested;
      task.nextRunAt = new Date(Date.now() + delay);
      await this.sleep(delay);
    }
    task.nextRunAt = null;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private runOnce(task: Task): Promise<RunOutcome> {
    return runWithContext({ requestId: randomUUID(), task: task.name }, async () => {
      const startedAt = new Date();
      let ok = false;
      let failure: unknown;
      let durationMs = 0;
      let ran = false;
      let ranRecently = false;
      let acquired: boolean;
      // Asked for once: a run skipped for another instance's lock falls back to the interval.
      task.requestedRunAt = null;
      try {
        const result = await this.locker.tryWithLock(`task:${task.name}`, this.lockTtlMs, async (lock) => {
          // One schedule across instances: if another instance ran the task within half an interval,
          // this turn is theirs already.
          const last = task.early ? null : await this.repository.lastRunAt?.(task.name);
          if (last && Date.now() - last.getTime() < task.intervalMs / 2) {
            ranRecently = true;
            return;
          }
          ran = true;
          task.running = true;
          const t0 = performance.now();
          try {
            const result = await task.fn(AbortSignal.any([lock.signal, this.abortRuns.signal]));
            task.requestedRunAt = result?.nextRunAt ?? null;
            ok = true;
          } catch (error) {
            failure = error;
          } finally {
            durationMs = performance.now() - t0;
            task.running = false;
          }
        });
        acquired = result.acquired && !ranRecently;
      } catch (error) {
        if (ran) {
          // The run finished but releasing the lock failed (it expires on its own): the run still counts.
          this.logger.warn({ err: error }, "could not release task lock");
          acquired = true;
        } else {
          // The lock service failed: nothing ran, but admins must see it, and the loop backs off.
          acquired = true;
          failure = new Error(`could not take the task lock: ${errorMessage(error)}`, { cause: error });
        }
      }
      if (!acquired) {
        task.skipped++;
        metrics.taskRuns.inc({ task: task.name, outcome: "skipped" });
        this.logger.debug(ranRecently ? "task skipped: another instance ran it this interval" : "task skipped: another instance holds its lock");
        return "skipped";
      }

      task.runs++;
      task.lastRunAt = startedAt;
      metrics.taskDuration.observe({ task: task.name }, durationMs / 1000);
      const record: TaskRunRecord = { ok, durationMs, runner: this.runnerId, at: startedAt };
      if (ok) {
        task.consecutiveFailures = 0;
        task.lastSuccessAt = new Date();
        task.lastError = null;
        metrics.taskRuns.inc({ task: task.name, outcome: "success" });
        metrics.taskLastSuccess.set({ task: task.name }, Date.now() / 1000);
        this.logger.debug({ durationMs: Math.round(durationMs) }, "task run succeeded");
      } else {
        task.failures++;
        task.consecutiveFailures++;
        task.lastError = errorMessage(failure);
        record.error = task.lastError;
        metrics.taskRuns.inc({ task: task.name, outcome: "failure" });
        this.logger.error(
          { err: failure, durationMs: Math.round(durationMs), consecutiveFailures: task.consecutiveFailures },
          "task run failed",
        );
      }
      await this.persist(task, record);
      return ok ? "success" : "failure";
    });
  }

  private async persist(task: Task, record: TaskRunRecord): Promise<void> {
    try {
      if (!(await this.repository.recordRun(task.name, record))) {
        await this.repository.registerTask(task.name, task.intervalMs);
        await this.repository.recordRun(task.name, record);
      }
    } catch (error) {
      // The run happened; losing its record must not stop the loop.
      this.logger.error({ err: error }, "could not persist task run");
    }
  }
}
