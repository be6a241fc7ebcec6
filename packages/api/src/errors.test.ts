import { describe, expect, it } from "vitest";
import { retryAfterOf, toTRPCError } from "./errors";

/** An error as pg raises it (the driver adapter wraps it the same way sqlState reads). */
const pgError = (code: string) => Object.assign(new Error(`db said ${code}`), { code });

describe("database errors the client caused", () => {
  it.each([
    ["22003", /a number is out of range/],
    ["22021", /cannot be stored/],
    ["22P02", /wrong format/],
    ["22007", /date or time has the wrong format/],
    ["22008", /date or time is out of range/],
  ])("SQLSTATE %s is a 400 with a readable message, never a 500", (code, message) => {
    const error = toTRPCError(pgError(code));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/db said/);
  });

  it("keeps real bugs as 500 without their details", () => {
    const error = toTRPCError(pgError("42P01"));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).not.toMatch(/db said/);
  });
});

describe("faults of the infrastructure", () => {
  it.each([
    ["a serialization failure after the retries", pgError("40001")],
    ["a deadlock after the retries", pgError("40P01")],
    ["a connection the server closed", pgError("57P01")],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["an exhausted pool", new Error("timeout exceeded when trying to connect")],
    ["Prisma's transaction wait", Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" })],
    ["Redis not answering", new Error("Command timed out")],
  ])("%s is a 503 that says nothing changed, with Retry-After", (_name, cause) => {
    const error = toTRPCError(cause);
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).toMatch(/Nothing was changed; please try again/);
    expect(retryAfterOf(error)).toBeGreaterThan(0);
  });
});
