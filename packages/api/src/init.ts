// tRPC init: context, procedure meta and the error formatter.
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { UnitOfWork } from "@gm/core";
import type { User } from "@gm/core";
import type { RateLimitRule } from "@gm/redis";
import type { Runtime } from "./runtime";
import { INTERNAL_MESSAGE } from "./errors";
import { AppError } from "@gm/core";

export interface Context {
  rt: Runtime;
  requestId: string;
  ip: string;
  authorization: string | null;
}

export interface AuthedContext extends Context {
  user: User;
  isAdmin: boolean;
}

export interface MoneyContext extends AuthedContext {
  uow: UnitOfWork;
  /** Set when this call repeats an idempotency key already used: the stored first result. */
  replay: { value: unknown } | undefined;
}

export interface Meta {
  /** Per-user limit for this procedure; the default applies otherwise. */
  rateLimit?: RateLimitRule;
}

function describeZodError(error: ZodError): string {
  const issues = error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  return `Invalid input — ${issues.join("; ")}${error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ""}.`;
}

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : undefined;
      return {
        ...shape,
        message: zod ? describeZodError(zod) : error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          reason: error.cause instanceof AppError ? error.cause.reason : undefined,
          // Flattened field errors, so a form can show each next to its field.
          fieldErrors: zod ? Object.fromEntries(zod.issues.map((i) => [i.path.join("."), i.message])) : undefined,
        },
      };
    },
  });
