// Opaque keyset cursors: the sort they belong to and the last row's sort key, in the database's own text
// form so every key round-trips exactly (bigint, timestamp(3), int). Decoding validates each value's shape,
// so a tampered cursor is a readable BAD_REQUEST, never a SQL cast error.
import { badRequest } from "../common/errors";
import { INT4_MAX, INT8_MAX } from "../common/input";

export type CursorKeyType = "bigint" | "int" | "timestamp";

// Each key must be a value its column can hold: a tampered cursor must not reach PostgreSQL's casts.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;
const valid: Record<CursorKeyType, (v: string) => boolean> = {
  bigint: (v) => /^-?\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX && BigInt(v) >= -INT8_MAX - 1n,
  int: (v) => /^-?\d{1,10}$/.test(v) && Number(v) <= INT4_MAX && Number(v) >= -INT4_MAX - 1,
  timestamp: (v) => {
    if (v === "-infinity") return true;
    const m = TIMESTAMP.exec(v);
    if (!m) return false;
    const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
  },
};

export function encodeCursor(tag: string, keys: string[]): string {
  return Buffer.from(JSON.stringify({ s: tag, k: keys }), "utf8").toString("base64url");
}

const invalid = () => badRequest("This page link is no longer valid: start again from the first page.", "INVALID_CURSOR");

/** The cursor's keys, checked against the sort it must belong to and the types of its keys. */
export function decodeCursor(cursor: string, tag: string, types: readonly CursorKeyType[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid();
  const { s, k } = parsed as { s?: unknown; k?: unknown };
  if (s !== tag) {
    throw badRequest("This page link belongs to another sort order: start again from the first page.", "INVALID_CURSOR");
  }
  if (!Array.isArray(k) || k.length !== types.length) throw invalid();
  return k.map((v, i) => {
    if (typeof v !== "string" || !valid[types[i]!](v)) throw invalid();
    return v;
  });
}
