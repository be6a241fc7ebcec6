// The procedure ladder (ENGINEERING.md): public → user → money, and admin.
//   publicProcedure: request id + logging + metrics + IP rate limit
//   userProcedure:   + Telegram auth (beside the IP limit, in parallel) + per-user, per-procedure limit (from meta)
//   moneyProcedure:  + idempotency + unit of work (the use case commits; errors roll back)
//   adminProcedure:  + role re-checked against the database on every call
import superjson from "superjson";
import { AppError, idempotencyRepository, inUnitOfWork, type UnitOfWork } from "@gm/core";
import { enrichContext } from "@gm/observability/context";
import { metrics } from "@gm/observability/metrics";
import { t, type AuthedContext, type Context, type Meta, type MoneyContext } from "./init";
import { observe } from "./middleware/observe";
import { enforceLimit, rateLimited } from "./middleware/rate-limit";
import { authenticate } from "./middleware/telegram-auth";
import { readIdempotencyKey, requestHash } from "./middleware/idempotency";

export const router = t.router;

const ipLimit = (ctx: Context) => enforceLimit(ctx.rt, "ip", ctx.ip, { points: ctx.rt.config.ipRateLimitPerMinute, windowSeconds: 60 });

const observed = t.procedure.use(observe);

export const publicProcedure = observed.use(async ({ ctx, next }) => {
  await ipLimit(ctx);
  return next();
});

/** Signed in, not yet limited: the rungs above apply the per-user limit, each in its own way. */
const authedProcedure = observed.use(async ({ ctx, next }) => {
  // The IP limit and authentication in parallel: one round trip less on every call. Either refusal wins.
  const [, { user, isAdmin }] = await Promise.all([ipLimit(ctx), authenticate(ctx.rt, ctx.authorization)]);
  enrichContext({ userId: user.id });
  return next({ ctx: { user, isAdmin } });
});

const userRule = (ctx: AuthedContext, meta: Meta | undefined) => meta?.rateLimit ?? { points: ctx.rt.config.userRateLimitPerMinute, windowSeconds: 60 };

export const userProcedure = authedProcedure.use(async ({ ctx, meta, path, next }) => {
  await enforceLimit(ctx.rt, `user:${path}`, ctx.user.id.toString(), userRule(ctx, meta));
  return next();
});

/** The unit of work a replay served outside any transaction sees: nothing to commit, nothing to run. */
const finishedUnitOfWork: UnitOfWork = {
  get tx(): never {
    throw new Error("a replayed call has no transaction");
  },
  commit() {},
  committed: true,
  afterCommit() {},
};

/** Thrown inside the transaction to roll it back while handing the failed result out. */
class FailedCall {
  constructor(readonly result: unknown) {}
}

// A replay costs nothing, so it spends no rate limit: a client retrying after a network error must get
// its answer even when it has used up its limit. The point is taken first (no extra work on the hot
// path) and given back when the key turns out to be a replay; a refused call checks for a finished
// replay before it is refused.
export const moneyProcedure = authedProcedure.use(async ({ ctx, meta, path, getRawInput, next }) => {
  let raw: Record<string, unknown> | undefined;
  try {
    raw = (await getRawInput()) as Record<string, unknown> | undefined;
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid input — the request could not be read.", "INPUT_UNREADABLE");
  }
  const key = readIdempotencyKey(raw);
  const hash = requestHash(raw ?? {});
  const proceed = (extra: Pick<MoneyContext, "uow" | "replay">) => next({ ctx: extra });
  type Result = Awaited<ReturnType<typeof proceed>>;
  const bucket = `user:${path}`;
  const rule = userRule(ctx, meta);
  const limit = await ctx.rt.backends.limiter.consume(bucket, ctx.user.id.toString(), rule);
  if (!limit.allowed) {
    const finished = await idempotencyRepository.findFinished(ctx.rt.db.prisma, ctx.user.id, key, path, hash);
    if (!finished) throw rateLimited(limit.retryAfterMs);
    return proceed({ uow: finishedUnitOfWork, replay: { value: superjson.parse(finished) } });
  }
  try {
    return await inUnitOfWork(
      ctx.rt.db.prisma,
      async (uow): Promise<Result> => {
        const claim = await idempotencyRepository.claim(uow.tx, ctx.user.id, key, path, hash);
        if (claim.kind === "replay") {
          uow.commit(); // nothing was written; committing keeps the rollback warning for real mistakes
          uow.afterCommit(() => ctx.rt.backends.limiter.refund(bucket, ctx.user.id.toString(), rule));
          return proceed({ uow, replay: { value: superjson.parse(claim.response) } });
        }
        const result = await proceed({ uow, replay: undefined });
        if (!result.ok) throw new FailedCall(result);
        if (!uow.committed) {
          // The use case returned without committing: its work rolls back, so success must not be reported.
          throw new AppError("CONFLICT", "The operation could not be completed. Nothing was changed; please try again.", "NOT_COMMITTED");
        }
        await idempotencyRepository.complete(uow.tx, ctx.user.id, key, superjson.stringify(result.data));
        metrics.moneyOperations.inc({ kind: path });
        return result;
      },
      { name: path, logger: ctx.rt.logger },
    );
  } catch (error) {
    if (error instanceof FailedCall) return error.result as Result;
    throw error;
  }
});

/**
 * Wraps a money procedure's resolver: a repeated idempotency key returns the first result and skips the
 * use case entirely.
 */
export function money<I, O>(resolver: (opts: { ctx: MoneyContext; input: I }) => Promise<O>) {
  return async (opts: { ctx: MoneyContext; input: I }): Promise<O> => {
    if (opts.ctx.replay) return opts.ctx.replay.value as O;
    return resolver(opts);
  };
}

// The role is re-checked on every call: `ctx.isAdmin` comes from the user row read from the database by
// this very request's authentication (plus ADMIN_TELEGRAM_IDS), never from the client or a session.
function requireAdmin(ctx: { isAdmin: boolean }) {
  if (!ctx.isAdmin) throw new AppError("FORBIDDEN", "This is for Gift Market administrators only.", "NOT_ADMIN");
}

export const adminProcedure = userProcedure.use(({ ctx, next }) => {
  requireAdmin(ctx);
  return next();
});

export const adminMoneyProcedure = moneyProcedure.use(({ ctx, next }) => {
  requireAdmin(ctx);
  return next();
});
