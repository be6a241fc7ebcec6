import { describe, expect, it } from "vitest";
import { AppError } from "../common/errors";
import { decodeCursor, encodeCursor } from "./cursor";

const refused = (cursor: string, types: Parameters<typeof decodeCursor>[2]) => {
  try {
    decodeCursor(cursor, "t", types);
  } catch (error) {
    return error instanceof AppError ? error.reason : "other";
  }
  return "accepted";
};

describe("page cursors", () => {
  it("round-trip keys of every type", () => {
    const keys = ["9223372036854775807", "-2147483648", "2026-12-01 20:30:00.123"];
    expect(decodeCursor(encodeCursor("t", keys), "t", ["bigint", "int", "timestamp"])).toEqual(keys);
  });

  it("refuse keys their columns cannot hold, before they reach PostgreSQL", () => {
    expect(refused(encodeCursor("t", ["9223372036854775808"]), ["bigint"])).toBe("INVALID_CURSOR");
    expect(refused(encodeCursor("t", ["9999999999999999999"]), ["bigint"])).toBe("INVALID_CURSOR");
    expect(refused(encodeCursor("t", ["2147483648"]), ["int"])).toBe("INVALID_CURSOR");
    expect(refused(encodeCursor("t", ["2026-02-30 10:00:00"]), ["timestamp"])).toBe("INVALID_CURSOR");
    expect(refused(encodeCursor("t", ["2026-01-01 25:00:00"]), ["timestamp"])).toBe("INVALID_CURSOR");
    expect(refused("not-base64-json", ["bigint"])).toBe("INVALID_CURSOR");
  });
});
