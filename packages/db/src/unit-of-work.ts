// Unit of work: one database transaction. Commit is explicit; an error rolls back; a function
// that returns without committing rolls back too, and the log says so.
import type { Prisma, PrismaClient } from "./generated/prisma/client";
import { isRetryableTransactionError, sqlState } from "./errors";

/** The transaction client handed to repositories and services. */
export type Tx = Prisma.TransactionClient;

/** What a repository reads with: the client (the primary, or a read replica) or a transaction. */
export type Db = PrismaClient | Tx;

export interface UnitOfWork {
  readonly tx: Tx;
  /** Marks the work as done: the transaction commits when the function returns. */
  commit(): void;
  readonly committed: boolean;
  /**
   * Runs `fn` after the transaction has committed (cache invalidation, notifications): never for work
   * that rolls back, and never before other transactions can see the change.
   */
  afterCommit(fn: () => unknown): void;
}

interface WarnLogger {
  warn(obj: object, msg: string): void;
}

export interface UnitOfWorkOptions {
  /** Why the transaction exists, for the rollback warning. */
  name?: string;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** Retries the whole unit on deadlock or serialization failure (safe: nothing was committed). */
  retries?: number;
  logger?: WarnLogger;
}

/** The handle a unit of work's function gets, over `tx`; its hooks are collected in `hooks`. */
export function unitOfWorkOver(tx: Tx, hooks: (() => unknown)[]): UnitOfWork {
  let committed = false;
  return {
    tx,
    commit: () => {
      committed = true;
    },
    get committed() {
      return committed;
    },
    afterCommit: (fn) => {
      hooks.push(fn);
    },
  };
}

/** Runs the after-commit hooks in order; a failing hook is logged, never thrown (the work is committed). */
export async function runAfterCommit(hooks: (() => unknown)[], options: UnitOfWorkOptions): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      options.logger?.warn({ unitOfWork: options.name, err: error }, "after-commit hook failed");
    }
  }
}

/** Whether a failed attempt may run again: a deadlock or serialization failure, with retries left (logged). */
export function shouldRetry(error: unknown, attempt: number, options: UnitOfWorkOptions): boolean {
  if (attempt >= (options.retries ?? 2) || !isRetryableTransactionError(error)) return false;
  // Every retry is a second spent in PostgreSQL's deadlock detection or a lost race: worth a line.
  options.logger?.warn({ unitOfWork: options.name, attempt: attempt + 1, sqlState: sqlState(error) }, "transaction retried after a deadlock or serialization failure");
  return true;
}

class RolledBack<T> {
  constructor(readonly value: T) {}
}

export async function inUnitOfWork<T>(
  prisma: PrismaClient,
  work: (uow: UnitOfWork) => Promise<T>,
  options: UnitOfWorkOptions = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const hooks: (() => unknown)[] = [];
    try {
      const value = await prisma.$transaction(
        async (tx) => {
          const uow = unitOfWorkOver(tx, hooks);
          const value = await work(uow);
          // Throwing is the only way to make Prisma roll an interactive transaction back.
          if (!uow.committed) throw new RolledBack(value);
          return value;
        },
        options.isolationLevel ? { isolationLevel: options.isolationLevel } : undefined,
      );
      await runAfterCommit(hooks, options);
      return value;
    } catch (error) {
      if (error instanceof RolledBack) {
        options.logger?.warn({ unitOfWork: options.name }, "unit of work returned without commit: rolled back");
        return error.value as T;
      }
      if (shouldRetry(error, attempt, options)) continue;
      throw error;
    }
  }
}
