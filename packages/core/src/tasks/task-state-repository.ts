// Background task state: what each task did last, persisted so admins see it across worker
// instances. Every write is one statement with atomic increments, so two runners never lose a count.
import type { PrismaClient, TaskState, Tx } from "@gm/db";

/** The outcome of one run, as the task manager reports it. */
export interface TaskRunRecord {
  ok: boolean;
  durationMs: number;
  /** The failure's message (ignored when `ok`). */
  error?: string;
  /** Which worker instance ran it. */
  runner: string;
  /** When the run started; defaults to now. */
  at?: Date;
}

export type TaskStateRow = TaskState;

export interface TaskStateRepository {
  /** Creates the task's row, or updates its interval when the code changed it. */
  registerTask(name: string, intervalMs: number): Promise<void>;
  /** Records one run. Returns false when the task was never registered (nothing was written). */
  recordRun(name: string, run: TaskRunRecord): Promise<boolean>;
  /** Every task, ordered by name, for the admin page. */
  list(): Promise<TaskStateRow[]>;
  /** When any instance last ran the task (null before the first run). */
  lastRunAt(name: string): Promise<Date | null>;
}

/** Longest error message kept; the logs have the whole stack. */
export const TASK_ERROR_MAX_LENGTH = 2_000;

const INT32_MAX = 2_147_483_647;
const toInt = (ms: number) => Math.min(INT32_MAX, Math.max(0, Math.round(ms)));

/** A repository over `task_states` using the given client or transaction. */
export function createTaskStateRepository(db: PrismaClient | Tx): TaskStateRepository {
  return {
    async registerTask(name, intervalMs) {
      const interval = toInt(intervalMs);
      await db.taskState.upsert({
        where: { name },
        create: { name, intervalMs: interval },
        update: { intervalMs: interval },
      });
    },

    async recordRun(name, run) {
      const at = run.at ?? new Date();
      const common = { lastRunAt: at, lastDurationMs: toInt(run.durationMs), runner: run.runner, runs: { increment: 1 } };
      // updateMany is a single UPDATE ... SET runs = runs + 1 ...: atomic under concurrent runners.
      const { count } = await db.taskState.updateMany({
        where: { name },
        data: run.ok
          ? { ...common, lastSuccessAt: at, consecutiveFailures: 0 }
          : {
              ...common,
              lastErrorAt: at,
              lastError: (run.error ?? "unknown error").slice(0, TASK_ERROR_MAX_LENGTH),
              failures: { increment: 1 },
              consecutiveFailures: { increment: 1 },
            },
      });
      return count > 0;
    },

    list() {
      return db.taskState.findMany({ orderBy: { name: "asc" } });
    },

    async lastRunAt(name) {
      const row = await db.taskState.findUnique({ where: { name }, select: { lastRunAt: true } });
      return row?.lastRunAt ?? null;
    },
  };
}
