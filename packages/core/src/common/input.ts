// Input primitives every schema builds on, bounded to what the database can hold: a value that passes
// them can never fail in PostgreSQL as "out of range", "invalid byte sequence" or "invalid datetime".
// Assume every client is hostile: ids past BIGINT or int4, NUL characters, dates in the year 275760.
import { z } from "zod";

import { INT4_MAX, INT8_MAX } from "./ids";

export { INT4_MAX, INT8_MAX };

/** The earliest and latest instants any input may name: before the product, and far beyond any use. */
export const EARLIEST_DATE = new Date("2020-01-01T00:00:00Z");
export const LATEST_DATE = new Date("2100-01-01T00:00:00Z");

/** A positive BIGINT id (users' Telegram ids, NFTs, movements...). */
export const bigintId = (what: string) =>
  z
    .bigint({ message: `${what} must be a whole number (bigint).` })
    .positive({ message: `${what} must be positive.` })
    .max(INT8_MAX, { message: `${what} is out of range.` });

/** A positive INTEGER id (collections). */
export const intId = (what: string) =>
  z
    .number({ message: `${what} must be a number.` })
    .int({ message: `${what} must be a whole number.` })
    .positive({ message: `${what} must be positive.` })
    .max(INT4_MAX, { message: `${what} is out of range.` });

/** A whole number within int4, e.g. a page size or a gift's number. */
export const int4 = (what: string, min: number, max = INT4_MAX) =>
  z
    .number({ message: `${what} must be a number.` })
    .int({ message: `${what} must be a whole number.` })
    .min(min, { message: `${what} must be at least ${min}.` })
    .max(max, { message: `${what} must be at most ${max}.` });

// NUL cannot be stored in PostgreSQL text; other control characters have no place in user input either
// (tab and newline are allowed where free text is: reasons, comments).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
// A lone UTF-16 surrogate is not text: it cannot be encoded as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text of `min`..`max` characters without control characters, trimmed. */
export const text = (what: string, { min = 0, max }: { min?: number; max: number }) =>
  z
    .string({ message: `${what} must be text.` })
    .max(max * 4, { message: `${what} must be at most ${max} characters.` }) // before trimming: no huge work on huge input
    .trim()
    .min(min, { message: min === 1 ? `${what} cannot be empty.` : `${what} must be at least ${min} characters.` })
    .max(max, { message: `${what} must be at most ${max} characters.` })
    .refine((s) => !CONTROL.test(s), { message: `${what} contains characters that are not allowed.` })
    .refine((s) => !LONE_SURROGATE.test(s), { message: `${what} is not valid text.` });

/** A date within the range any input may name. */
export const saneDate = (what: string) =>
  z
    .date({ message: `${what} must be a date.` })
    .min(EARLIEST_DATE, { message: `${what} must be after ${EARLIEST_DATE.getUTCFullYear()}.` })
    .max(LATEST_DATE, { message: `${what} must be before ${LATEST_DATE.getUTCFullYear()}.` });

/** The `nextCursor` of a previous page: opaque, short, printable. */
export const pageCursor = z
  .string({ message: "The page cursor must be text." })
  .min(1, { message: "The page cursor cannot be empty." })
  .max(512, { message: "This page link is no longer valid: start again from the first page." })
  .regex(/^[\w-]+$/, { message: "This page link is no longer valid: start again from the first page." });

/** The idempotency key every money-moving mutation carries: 8–255 printable characters. */
export const idempotencyKey = z
  .string({ message: "idempotencyKey is required for this operation (8 to 255 characters)." })
  .min(8, { message: "idempotencyKey must be 8 to 255 characters." })
  .max(255, { message: "idempotencyKey must be 8 to 255 characters." })
  .refine((s) => !ANY_CONTROL.test(s) && !LONE_SURROGATE.test(s), {
    message: "idempotencyKey may contain printable characters only.",
  });
