// tRPC init: context, procedure meta and the error formatter.
import { initTRPC } from "@trpc/server";
import { transformer } from "./transformer";
import { ZodError } from "zod";
import { AppError, type AuthenticatedUser } from "@gm/core";
import type { RateLimitResult } from "@gm/redis";
import type { Runtime } from "./runtime";
import { INTERNAL_MESSAGE } from "./errors";

type User = AuthenticatedUser["user"];

export interface Context {
  rt: Runtime;
  requestId: string;
  ip: string;
  authorization: string | null;
}

export interface AuthedContext extends Context {
  user: User;
  isAdmin: boolean;
  /** This call's per-user, per-procedure limit, consumed with the IP limit in one Redis round trip. */
  userLimit: RateLimitResult;
}

/** Procedure meta: nothing yet (limits come with the use case). */
export type Meta = Record<string, never>;

const MAX_ISSUES = 3;
const MAX_ISSUE_LENGTH = 120;
const MAX_MESSAGE_LENGTH = 300;

/** The value at `path` in the input, or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");
const fieldOf = (issue: ZodError["issues"][number]) => issue.path.map(String).join(".").slice(0, 60);

/** One issue as a short phrase: missing fields are "required", unknown keys named up to three, long texts cut. */
function describeIssue(issue: ZodError["issues"][number], input: unknown): string {
  let what = issue.message;
  // Schemas' own messages stay; zod's defaults ("Invalid input: expected …") are reworded.
  const generic = /^Invalid (input|option)\b/.test(what);
  if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) what = "is required";
  else if (issue.code === "invalid_type" && generic) what = `must be ${article(issue.expected)} ${issue.expected}`;
  if (issue.code === "invalid_value" && generic && issue.values.length > 4) {
    what = `must be one of ${issue.values.slice(0, 4).map((v) => JSON.stringify(v)).join(", ")}… (${issue.values.length} in all)`;
  }
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.slice(0, 3).map((k) => `"${k.slice(0, 30)}"`);
    what = `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys.join(", ")}${issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : ""}`;
  }
  if (what.length > MAX_ISSUE_LENGTH) what = `${what.slice(0, MAX_ISSUE_LENGTH)}…`;
  return what.replace(/\.$/, "");
}

/** A few readable lines at most, however many issues the input has. */
function describeZodError(error: ZodError, input: unknown): string {
  const issues: string[] = [];
  for (const issue of error.issues.slice(0, MAX_ISSUES)) {
    const line = (issue.path.length ? `${fieldOf(issue)}: ` : "") + describeIssue(issue, input);
    if (issues.length > 0 && issues.join("; ").length + line.length > MAX_MESSAGE_LENGTH) break;
    issues.push(line);
  }
  const more = error.issues.length - issues.length;
  return `Invalid input — ${issues.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}.`;
}

/** Field errors for forms: the first issue of each field, for at most 20 fields. */
function fieldErrorsOf(error: ZodError, input: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue);
    if (field in fields) continue;
    if (Object.keys(fields).length >= 20) break;
    fields[field] = describeIssue(issue, input);
  }
  return fields;
}

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    errorFormatter({ shape, error, input }) {
      // Only input errors describe themselves: a failed output validation is our bug, and its details internal.
      const zod = error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause : undefined;
      return {
        ...shape,
        message: zod ? describeZodError(zod, input) : error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          // The refusal's stable reason and values, for clients that say it in the user's language.
          reason: zod ? "INVALID_INPUT" : error.cause instanceof AppError ? error.cause.reason : error.code === "TIMEOUT" ? "TIMEOUT" : undefined,
          params: error.cause instanceof AppError ? error.cause.params : undefined,
          // Flattened field errors, so a form can show each next to its field.
          fieldErrors: zod ? fieldErrorsOf(zod, input) : undefined,
        },
      };
    },
  });
