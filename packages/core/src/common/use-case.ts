// A use case is a value: its input and output schemas and a `run` that receives what it needs. The API
// binds each to a procedure in one line (`buy: moneyMutation(buyNft)`), and only the executors below
// call `run`, so no procedure can skip its unit of work, and a replayed idempotency key can never reach
// a money command's `run` (docs/architecture.md, "Use cases").
import type { z } from "zod";
import type { Db, SqlReader, UnitOfWork } from "@gm/db";
import type { Cache, Locker, RateLimitRule } from "@gm/redis";
import { idempotencyKey } from "./input";
import type { TonProofConfig } from "../ton-connect/ton-proof";

/** Who is calling: the signed-in user, and the request it came with (for audits and logs). */
export interface Actor {
  userId: bigint;
  isAdmin: boolean;
  requestId: string;
}

export interface Services {
  cache: Cache;
  /** Distributed locks (Redis, or in-process): only to keep contention cheap, never for correctness. */
  locker?: Locker;
  /** The clock: injected, so rules about time are testable. */
  now(): Date;
  /** What the deployment configured (the API's environment). */
  config: CoreConfig;
}

/** What an operator configures for core (the API's environment). */
export interface CoreConfig {
  /** How long a market page is shared between readers; 0 turns the page cache off. */
  searchPageCacheMs: number;
  /** TON Connect's proof checks: the payload secret, our domains, the network; absent where no wallet connects. */
  tonProof?: TonProofConfig;
  /**
   * Where deposits go: the platform wallet's address (friendly form) and the network; `faucet` only on
   * the local chain outside production (test TON with any comment to the platform wallet).
   */
  ton?: { depositAddress(): Promise<string>; network: "mainnet" | "testnet"; faucet?(amount: bigint, comment: string): Promise<void> };
}

/** A read: the database to read from (the primary or a replica) — for its repositories only. */
export interface QueryContext extends Services {
  actor: Actor;
  db: Db;
  /** The hottest reads, straight on the pool (raw SQL only). */
  reader: SqlReader;
}

/** A change: one unit of work, committed by the use case (`uow.commit()`); anything else rolls back. */
export interface CommandContext extends Services {
  actor: Actor;
  uow: UnitOfWork;
  /** A money command's idempotency key (already claimed), for rows that keep it as a second guard. */
  idempotencyKey?: string;
}

type Schema = z.ZodType;

export interface Query<I extends Schema, O extends Schema> {
  kind: "query";
  input: I;
  output: O;
  /**
   * One of the hottest procedures: its output is checked against the schema in development and tests
   * but not in production (a measurable share of its CPU). Only for a use case that builds its output
   * field by field, so the check has nothing to strip and only ever confirms the types.
   */
  hot?: boolean;
  run(ctx: QueryContext, input: z.output<I>): Promise<z.input<O>>;
}

export interface Command<I extends Schema, O extends Schema> {
  kind: "command";
  input: I;
  output: O;
  /** Per-user limit of this procedure when it is not the default. */
  rateLimit?: RateLimitRule;
  run(ctx: CommandContext, input: z.output<I>): Promise<z.input<O>>;
}

/** The money command's input as declared plus the idempotency key every money mutation carries. */
export type WithKey<I extends z.ZodObject> = z.ZodObject<I["shape"] & { idempotencyKey: typeof idempotencyKey }>;

export interface MoneyCommand<I extends z.ZodObject, O extends Schema> {
  kind: "money";
  /** The input with `idempotencyKey`; `run` gets it without the key. */
  input: WithKey<I>;
  output: O;
  rateLimit?: RateLimitRule;
  /**
   * One of the hottest procedures: its output is checked against the schema in development and tests
   * but not in production (a measurable share of its CPU). Only for a use case that builds its output
   * field by field, so the check has nothing to strip and only ever confirms the types.
   */
  hot?: boolean;
  /**
   * Runs on `pg` directly instead of Prisma's interactive transaction: only for a command whose every
   * statement (its repositories', the ledger's, the idempotency claim's) is `$queryRaw`/`$executeRaw`
   * with plain values (no composed `Prisma.sql` fragments: the driver takes the template as written).
   * Its tests must cover each of its paths, refusals included: anything else of Prisma's throws there.
   */
  fastPath?: boolean;
  run(ctx: CommandContext, input: z.output<I>): Promise<z.input<O>>;
}

export const query = <I extends Schema, O extends Schema>(def: Omit<Query<I, O>, "kind">): Query<I, O> => ({ kind: "query", ...def });

export const command = <I extends Schema, O extends Schema>(def: Omit<Command<I, O>, "kind">): Command<I, O> => ({ kind: "command", ...def });

export function moneyCommand<I extends z.ZodObject, O extends Schema>(def: {
  input: I;
  output: O;
  rateLimit?: RateLimitRule;
  hot?: boolean;
  fastPath?: boolean;
  run(ctx: CommandContext, input: z.output<I>): Promise<z.input<O>>;
}): MoneyCommand<I, O> {
  return { kind: "money", ...def, input: def.input.extend({ idempotencyKey }) as unknown as WithKey<I> };
}
