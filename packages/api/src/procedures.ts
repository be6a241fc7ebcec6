// The procedure ladder (docs/architecture.md): public → authed → user/money → admin, and the helpers that
// bind a core use case to a procedure in one line. A router never writes a resolver of its own:
//   publicProcedure: request id + logging + metrics + IP rate limit
//   userQuery / userMutation:   + Telegram auth + per-user, per-procedure limit; a mutation in one unit of work
//   moneyMutation:              + the idempotency key claimed in the same unit of work (a replay never runs)
//   admin*:                     + the role re-checked against the database on every call
import {
  AppError,
  executeCommand,
  executeMoneyCommand,
  executeQuery,
  findMoneyReplay,
  type Actor,
  type Command,
  type MoneyCommand,
  type Query,
  type TelegramProfile,
} from "@gm/core";
import type { RateLimitRule } from "@gm/redis";
import type { z } from "zod";
import { enrichContext } from "@gm/observability/context";
import { t, type AuthedContext, type Context } from "./init";
import { observe } from "./middleware/observe";
import { enforceLimit, rateLimited } from "./middleware/rate-limit";
import { userOf, verifySignIn } from "./middleware/telegram-auth";

export const router = t.router;

const ipLimit = (ctx: Context) => enforceLimit(ctx.rt, "ip", ctx.ip, { points: ctx.rt.config.ipRateLimitPerMinute, windowSeconds: 60 });

const observed = t.procedure.use(observe);

export const publicProcedure = observed.use(async ({ ctx, next }) => {
  await ipLimit(ctx);
  return next();
});

const userRule = (ctx: Context, rule: RateLimitRule | undefined) => rule ?? { points: ctx.rt.config.userRateLimitPerMinute, windowSeconds: 60 };

/**
 * Signed in, with the per-user, per-procedure limit consumed (its own rule from the use case, or the
 * default) but not yet enforced: each rung below enforces it in its own way. The sign-in is verified
 * first (CPU only), so both limits leave for Redis together — one auto-pipelined round trip — while the
 * user's row is read. A sign-in that fails still spends the IP's points.
 */
function signedIn(rule?: RateLimitRule) {
  return observed.use(async ({ ctx, path, next }) => {
    let profile: TelegramProfile;
    try {
      profile = verifySignIn(ctx.rt, ctx.authorization);
    } catch (error) {
      await ipLimit(ctx);
      throw error;
    }
    const [, userLimit, { user, isAdmin }] = await Promise.all([
      ipLimit(ctx),
      ctx.rt.backends.limiter.consume(`user:${path}`, profile.id.toString(), userRule(ctx, rule)),
      userOf(ctx.rt, profile),
    ]);
    enrichContext({ userId: user.id });
    return next({ ctx: { user, isAdmin, userLimit } });
  });
}

/** Every rung below sign-in has the same context: the signed-in user and their limit. */
type AuthedBuilder = ReturnType<typeof signedIn>;

/** Refused once the user's limit for this procedure is spent. */
const limited = (rule?: RateLimitRule): AuthedBuilder =>
  signedIn(rule).use(({ ctx, next }) => {
    if (!ctx.userLimit.allowed) throw rateLimited(ctx.userLimit.retryAfterMs);
    return next();
  });

// The role is re-checked on every call: `ctx.isAdmin` comes from the user row read from the database by
// this very request's authentication (plus ADMIN_TELEGRAM_IDS), never from the client or a session.
function requireAdmin(ctx: { isAdmin: boolean }) {
  if (!ctx.isAdmin) throw new AppError("FORBIDDEN", "This is for Gift Market administrators only.", "NOT_ADMIN");
}

const adminMiddleware = t.middleware(({ ctx, next }) => {
  requireAdmin(ctx as unknown as AuthedContext);
  return next();
});

const asAdmin = (base: AuthedBuilder): AuthedBuilder => base.use(adminMiddleware) as unknown as AuthedBuilder;

const actorOf = (ctx: AuthedContext): Actor => ({ userId: ctx.user.id, isAdmin: ctx.isAdmin, requestId: ctx.requestId });

// ---- binding use cases -----------------------------------------------------------------------------

// A hot use case's output is checked everywhere but in production (see `hot` in core's use-case.ts).
const checksOutputs = process.env.NODE_ENV !== "production";
const unchecked = (value: unknown) => value;
const outputOf = <O extends z.ZodType>(useCase: { output: O; hot?: boolean }): O =>
  useCase.hot && !checksOutputs ? (unchecked as unknown as O) : useCase.output;

function bindQuery<I extends z.ZodType, O extends z.ZodType>(base: AuthedBuilder, useCase: Query<I, O>) {
  return base
    .input(useCase.input)
    .output(outputOf(useCase))
    // The output schema checks the value at run time; generic O defeats tRPC's static inference here.
    .query(({ ctx, input }) => executeQuery(useCase, ctx.rt.core, actorOf(ctx), input as z.output<I>) as Promise<never>);
}

function bindCommand<I extends z.ZodType, O extends z.ZodType>(base: AuthedBuilder, useCase: Command<I, O>) {
  return base
    .input(useCase.input)
    .output(outputOf(useCase))
    .mutation(({ ctx, input, path }) => executeCommand(useCase, ctx.rt.core, actorOf(ctx), input as z.output<I>, path) as Promise<never>);
}

// A replay costs nothing, so it spends no rate limit: a client retrying after a network error must get
// its answer even when it has used up its limit. The point is taken first (with the IP's, no extra
// round trip) and given back when the key turns out to be a replay; a refused call checks for a finished
// replay before it is refused.
function bindMoney<I extends z.ZodObject, O extends z.ZodType>(base: AuthedBuilder, useCase: MoneyCommand<I, O>) {
  return base
    .input(useCase.input)
    .output(outputOf(useCase))
    .mutation(async ({ ctx, input, path }): Promise<never> => {
      const actor = actorOf(ctx);
      const args = input as z.output<MoneyCommand<I, O>["input"]> & { idempotencyKey: string };
      if (!ctx.userLimit.allowed) {
        const replay = await findMoneyReplay(ctx.rt.core, actor, path, args);
        if (replay === undefined) throw rateLimited(ctx.userLimit.retryAfterMs);
        return replay as never;
      }
      const result = await executeMoneyCommand(useCase, ctx.rt.core, actor, path, args);
      if (result.replayed) await ctx.rt.backends.limiter.refund(`user:${path}`, actor.userId.toString(), userRule(ctx, useCase.rateLimit));
      return result.value as never;
    });
}

export const userQuery = <I extends z.ZodType, O extends z.ZodType>(useCase: Query<I, O>) => bindQuery(limited(), useCase);
export const userMutation = <I extends z.ZodType, O extends z.ZodType>(useCase: Command<I, O>) => bindCommand(limited(useCase.rateLimit), useCase);
export const moneyMutation = <I extends z.ZodObject, O extends z.ZodType>(useCase: MoneyCommand<I, O>) => bindMoney(signedIn(useCase.rateLimit), useCase);

export const adminQuery = <I extends z.ZodType, O extends z.ZodType>(useCase: Query<I, O>) => bindQuery(asAdmin(limited()), useCase);
export const adminMutation = <I extends z.ZodType, O extends z.ZodType>(useCase: Command<I, O>) => bindCommand(asAdmin(limited(useCase.rateLimit)), useCase);
export const adminMoneyMutation = <I extends z.ZodObject, O extends z.ZodType>(useCase: MoneyCommand<I, O>) => bindMoney(asAdmin(signedIn(useCase.rateLimit)), useCase);
