// Opaque keyset cursors: the sort they belong to and the last row's sort key, in the database's own text
// form so every key round-trips exactly (bigint, timestamp(3), int). Decoding validates each value's shape,
// so a tampered cursor is a readable BAD_REQUEST, never a SQL cast error.
import { badRequest } from "../errors";

export type CursorKeyType = "bigint" | "int" | "timestamp";

const shapes: Record<CursorKeyType, RegExp> = {
  bigint: /^-?\d{1,19}$/,
  int: /^-?\d{1,10}$/,
  timestamp: /^(-infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?)$/,
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
    if (typeof v !== "string" || !shapes[types[i]!].test(v)) throw invalid();
    return v;
  });
}
