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

// Statement names by template: a template object is the same for every call of one call site.
const names = new WeakMap<TemplateStringsArray, { text: string; name: string }>();
let statements = 0;

/**
 * `strings`/`values` of a tagged template as `$1, $2, …` text and its parameters, as a named prepared
 * statement: each connection parses and plans a transaction's statement once, then reuses the plan. The
 * fast path's statements are key lookups whose generic plan is the custom one, and PostgreSQL's planning
 * was the largest share of its CPU per purchase (measured in docs/operations.md, "Benchmarks").
 */
function toQuery(strings: TemplateStringsArray, values: unknown[]): pg.QueryConfig {
  let known = names.get(strings);
  if (!known) {
    let text = strings[0]!;
    for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
    names.set(strings, (known = { text, name: `gm_tx_${++statements}` }));
  }
  return { text: known.text, name: known.name, values, types: prismaLikeTypes };
}

/** A scalar as the untyped quoted literal PostgreSQL reads exactly like a text-format parameter. */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return "NULL";
  switch (typeof value) {
    case "string":
      return pg.escapeLiteral(value);
    case "bigint":
    case "boolean":
      return `'${String(value)}'`;
    case "number":
      return Number.isFinite(value) ? `'${String(value)}'` : undefined;
    default:
      return undefined; // arrays, dates, buffers: sent as parameters, never inlined
  }
}

/** The statement with its values inlined, or undefined when one of them is not a plain scalar. */
function inlined(strings: TemplateStringsArray, values: unknown[]): string | undefined {
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i++) {
    const lit = literal(values[i - 1]);
    if (lit === undefined) return undefined;
    text += lit + strings[i];
  }
  return text;
}

/**
 * A `Tx` over a pg client, raw SQL only. The transaction begins with its first statement: BEGIN and a
 * first statement of plain scalars (a money command's idempotency claim) go as one simple query, one
 * round trip less per transaction; anything else is preceded by BEGIN on its own.
 */
function sqlTx(client: pg.PoolClient, begin: string): { tx: Tx; begun: () => boolean } {
  let begun = false;
  async function run(strings: TemplateStringsArray, values: unknown[]): Promise<pg.QueryResult> {
    if (begun) return client.query(toQuery(strings, values));
    begun = true;
    const first = inlined(strings, values);
    if (first === undefined) {
      await client.query(begin);
      return client.query(toQuery(strings, values));
    }
    const results = (await client.query({ text: `${begin}; ${first}`, types: prismaLikeTypes })) as unknown as pg.QueryResult[];
    return results[1]!;
  }
  const methods = {
    async $queryRaw(strings: TemplateStringsArray, ...values: unknown[]) {
      return (await run(strings, values)).rows;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]) {
      return (await run(strings, values)).rowCount ?? 0;
    },
  };
  const tx = new Proxy(methods, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === "then") return undefined; // not a thenable
      throw new Error(`The fast path runs raw SQL only: tx.${String(prop)} is Prisma's, use $queryRaw/$executeRaw or leave the fast path.`);
    },
  }) as unknown as Tx;
  return { tx, begun: () => begun };
}

/** Like `inUnitOfWork`, on a `pg` client of `pool`. */
export async function inSqlUnitOfWork<T>(pool: pg.Pool, work: (uow: UnitOfWork) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
  const begin = options.isolationLevel ? `BEGIN ISOLATION LEVEL ${isolation(options.isolationLevel)}` : "BEGIN";
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
    const { tx, begun } = sqlTx(client, begin);
    let value: T;
    try {
      const uow = unitOfWorkOver(tx, hooks);
      value = await work(uow);
      if (!uow.committed) {
        if (begun()) await client.query("ROLLBACK");
        options.logger?.warn({ unitOfWork: options.name }, "unit of work returned without commit: rolled back");
        return value;
      }
      if (begun()) await client.query("COMMIT");
    } catch (error) {
      if (begun()) {
        await client.query("ROLLBACK").catch(() => {
          broken = true; // the connection is gone: do not hand it back to the pool
        });
      }
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
