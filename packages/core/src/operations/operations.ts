// What operators watch: the last 24 hours of business (admin.operations) and the TON pipeline's state,
// which the admin page shows and the worker exports as gauges for the alerts (a deposit reader that
// stopped, withdrawals stuck).
import { z } from "zod";
import type { Database, Db } from "@gm/db";
import { query } from "../common/use-case";
import { operationsRepository } from "./operations-repository";
import { operationsOutput, type PipelineState } from "./schemas";

/** The deposit reader's task: its last success is when the platform wallet was last read to the chain's head. */
export const TON_DEPOSITS_TASK = "ton-deposits";

const DAY_MS = 24 * 3600_000;

async function pipelineOf(db: Db, now: Date): Promise<PipelineState> {
  const [rows, readAt] = await Promise.all([operationsRepository.unfinishedWithdrawals(db), operationsRepository.lastSuccess(db, TON_DEPOSITS_TASK)]);
  const unfinished = { PENDING: 0, SENDING: 0, SENT: 0 };
  for (const r of rows) unfinished[r.status] = r.count;
  const oldest = rows.reduce<Date | null>((min, r) => (min === null || r.oldest < min ? r.oldest : min), null);
  return {
    withdrawalsUnfinished: unfinished,
    oldestUnfinishedWithdrawalAt: oldest,
    depositsReadAt: readAt,
    depositsReadAgeSeconds: readAt ? Math.max(0, (now.getTime() - readAt.getTime()) / 1000) : null,
  };
}

/** admin.operations: the last 24 hours' numbers and the pipeline, as of now. */
export const operationsSummary = query({
  input: z.void(),
  output: operationsOutput,
  async run({ db, now }) {
    const at = now();
    const since = new Date(at.getTime() - DAY_MS);
    const [totals, pipeline] = await Promise.all([operationsRepository.totalsSince(db, since), pipelineOf(db, at)]);
    return { since, last24h: totals.map((t) => ({ event: t.event, count: t.count, volume: t.volume })), pipeline };
  },
});

/** The pipeline for the worker's gauges (read at scrape time). */
export const pipelineState = (database: Database, now = new Date()): Promise<PipelineState> => pipelineOf(database.prisma, now);
