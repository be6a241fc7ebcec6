// The hot path's unit of work: one PostgreSQL transaction on a `pg` client, without Prisma's interactive
// transaction in between (measured: an 8-statement transaction runs ~2.3× faster this way). It hands the
// work a `Tx` that speaks the two methods the hot repositories use — the `$queryRaw` and `$executeRaw`
// tagged templates — with Prisma's result types (int8 as bigint, timestamps as UTC dates), so the same
// repository code runs on either path. Anything else of Prisma's fails loudly: a use case opts into this
// path only when every statement it runs is raw SQL (docs/architecture.md, "The fast path").
import pg from "pg";
import { runAfterCommit, shouldRetry, unitOfWorkOver, type Tx, type UnitOfWork, type UnitOfWorkOptions } from "./unit-of-work";

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const INT8 = 20;
const NUMERIC = 1700;

/** Prisma's $queryRaw result types for the columns the hot path reads. */
const prismaLikeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8) return (v: string) => BigInt(v);
    // timestamp(3) columns hold UTC (Prisma writes and reads them so).
    if (oid === TIMESTAMP) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === TIMESTAMPTZ) return (v: string) => new Date(v);
    if (oid === NUMERIC) return (v: string) => v;
    return pg.types.getTypeParser(oid, (format ?? "text") as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** `strings`/`values` of a tagged template as `$1, $2, …` text and its parameters. */
function toQuery(strings: TemplateStringsArray, values: unknown[]): pg.QueryConfig {
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
  return { text, values, types: prismaLikeTypes };
}

/** A `Tx` over a pg client in a transaction: raw SQL only. */
function sqlTx(client: pg.PoolClient): Tx {
  const methods = {
    async $queryRaw(strings: TemplateStringsArray, ...values: unknown[]) {
      return (await client.query(toQuery(strings, values))).rows;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]) {
      return (await client.query(toQuery(strings, values))).rowCount ?? 0;
    },
  };
  return new Proxy(methods, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === "then") return undefined; // not a thenable
      throw new Error(`The fast path runs raw SQL only: tx.${String(prop)} is Prisma's, use $queryRaw/$executeRaw or leave the fast path.`);
    },
  }) as unknown as Tx;
}

/** Like `inUnitOfWork`, on a `pg` client of `pool`. */
export async function inSqlUnitOfWork<T>(pool: pg.Pool, work: (uow: UnitOfWork) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const hooks: (() => unknown)[] = [];
    const client = await pool.connect();
    let broken = false;
    // A checked-out client whose connection dies emits "error": without a listener that crashes the
    // process. The query in flight fails on its own; the client is dropped instead of reused.
    const onError = () => {
      broken = true;
    };
    client.on("error", onError);
    let value: T;
    try {
      await client.query(options.isolationLevel ? `BEGIN ISOLATION LEVEL ${isolation(options.isolationLevel)}` : "BEGIN");
      const uow = unitOfWorkOver(sqlTx(client), hooks);
      value = await work(uow);
      if (!uow.committed) {
        await client.query("ROLLBACK");
        options.logger?.warn({ unitOfWork: options.name }, "unit of work returned without commit: rolled back");
        return value;
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true; // the connection is gone: do not hand it back to the pool
      });
      if (shouldRetry(error, attempt, options)) continue;
      throw error;
    } finally {
      client.off("error", onError);
      client.release(broken ? true : undefined);
    }
    await runAfterCommit(hooks, options);
    return value;
  }
}

function isolation(level: NonNullable<UnitOfWorkOptions["isolationLevel"]>): string {
  return { ReadUncommitted: "READ UNCOMMITTED", ReadCommitted: "READ COMMITTED", RepeatableRead: "REPEATABLE READ", Serializable: "SERIALIZABLE" }[level];
}

/**
 * Hot reads on the pool, without Prisma's per-query work (measured on the search page: 3.1 → 2.2 ms at
 * concurrency 1), with the same result types as `$queryRaw`. Unnamed statements on purpose: named ones
 * were measured too, and the generic plans PostgreSQL switches to after five runs made filtered searches
 * twice as slow.
 */
export interface SqlReader {
  query<T>(text: string, values: unknown[]): Promise<T[]>;
}

export function createSqlReader(pool: pg.Pool): SqlReader {
  return {
    async query<T>(text: string, values: unknown[]) {
      return (await pool.query({ text, values, types: prismaLikeTypes })).rows as T[];
    },
  };
}
