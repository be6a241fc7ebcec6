// The only callers of a use case's `run`: a query reads, a command runs in one unit of work, and a money
// command claims its idempotency key in that same unit of work before anything else — a replay returns
// the stored first result and never runs the effect again (docs/money.md, "Idempotency").
import { createHash } from "node:crypto";
import superjson from "superjson";
import type { z } from "zod";
import { inUnitOfWork, type Database } from "@gm/db";
import type { Cache, Locker } from "@gm/redis";
import { AppError } from "./errors";
import { idempotencyRepository } from "../idempotency/idempotency-repository";
import type { Actor, Command, CoreConfig, MoneyCommand, Query } from "./use-case";

/** What the executors need from the process that runs them (the API's runtime, the worker). */
export interface CoreRuntime {
  database: Database;
  cache: Cache;
  locker?: Locker;
  logger?: { warn(obj: object, msg: string): void };
  now?: () => Date;
  config?: Partial<CoreConfig>;
}

const defaults: CoreConfig = { searchPageCacheMs: 1000 };
const configOf = (rt: CoreRuntime): CoreConfig => ({ ...defaults, ...rt.config });

const clock = (rt: CoreRuntime) => rt.now ?? (() => new Date());

export function executeQuery<I extends z.ZodType, O extends z.ZodType>(useCase: Query<I, O>, rt: CoreRuntime, actor: Actor, input: z.output<I>) {
  return useCase.run({ actor, db: rt.database.prisma, reader: rt.database.reader, cache: rt.cache, now: clock(rt), config: configOf(rt) }, input);
}

export function executeCommand<I extends z.ZodType, O extends z.ZodType>(
  useCase: Command<I, O>,
  rt: CoreRuntime,
  actor: Actor,
  input: z.output<I>,
  name = "command",
) {
  return inUnitOfWork(
    rt.database.prisma,
    async (uow) => {
      const value = await useCase.run({ actor, uow, cache: rt.cache, locker: rt.locker, now: clock(rt), config: configOf(rt) }, input);
      if (!uow.committed) throw notCommitted();
      return value;
    },
    { name, logger: rt.logger },
  );
}

export interface MoneyResult<T> {
  value: T;
  /** True when this call repeated a key already used: the value is the first call's, nothing ran. */
  replayed: boolean;
}

/**
 * Runs a money command exactly once per (user, key): the key is claimed, the effect applied and the
 * result stored in one transaction. The same key with the same input returns the first result; with
 * another input it is a conflict; a concurrent duplicate waits for the first to commit or roll back.
 */
export function executeMoneyCommand<I extends z.ZodObject, O extends z.ZodType>(
  useCase: MoneyCommand<I, O>,
  rt: CoreRuntime,
  actor: Actor,
  procedure: string,
  input: z.output<MoneyCommand<I, O>["input"]>,
): Promise<MoneyResult<z.input<O>>> {
  const { idempotencyKey: key, ...rest } = input as { idempotencyKey: string } & Record<string, unknown>;
  const hash = requestHash(rest);
  const unitOfWork: typeof rt.database.sqlUnitOfWork = useCase.fastPath
    ? (work, options) => rt.database.sqlUnitOfWork(work, options)
    : (work, options) => inUnitOfWork(rt.database.prisma, work, options);
  return unitOfWork(
    async (uow) => {
      const claim = await idempotencyRepository.claim(uow.tx, actor.userId, key, procedure, hash);
      if (claim.kind === "replay") {
        uow.commit(); // nothing was written; committing keeps the rollback warning for real mistakes
        return { value: superjson.parse<z.input<O>>(claim.response), replayed: true };
      }
      const value = await useCase.run({ actor, uow, idempotencyKey: key, cache: rt.cache, locker: rt.locker, now: clock(rt), config: configOf(rt) }, rest as z.output<I>);
      // The use case returned without committing: its work rolls back, so success must not be reported.
      if (!uow.committed) throw notCommitted();
      await idempotencyRepository.complete(uow.tx, actor.userId, key, superjson.stringify(value));
      return { value, replayed: false };
    },
    { name: procedure, logger: rt.logger },
  );
}

/** The stored result of a finished money call with this key and input, without a transaction. */
export async function findMoneyReplay(rt: CoreRuntime, actor: Actor, procedure: string, input: { idempotencyKey: string }): Promise<unknown | undefined> {
  const { idempotencyKey: key, ...rest } = input as { idempotencyKey: string } & Record<string, unknown>;
  const response = await idempotencyRepository.findFinished(rt.database.prisma, actor.userId, key, procedure, requestHash(rest));
  return response === null ? undefined : superjson.parse(response);
}

const notCommitted = () => new AppError("CONFLICT", "The operation could not be completed. Nothing was changed; please try again.", "NOT_COMMITTED");

/** Hash of the input without its key, with sorted object keys, so equal inputs hash equally. */
export function requestHash(input: Record<string, unknown>): string {
  const canonical = JSON.stringify(superjson.serialize(input), (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
  return createHash("sha256").update(canonical).digest("hex");
}
