// What a database error means for the caller, without the caller knowing the database: the API maps
// these to 400 (the client's bad data), 503 (retry later, nothing changed) and 504-like timeouts.
import { isTransientDbError, sqlState } from "@gm/db";

/** SQLSTATEs of bad data (class 22) and what to tell the client about each. */
const BAD_DATA: Record<string, string> = {
  "22003": "a number is out of range",
  "22021": "text contains a character that cannot be stored",
  "22P05": "text contains a character that cannot be stored",
  "22P02": "a value has the wrong format",
  "22007": "a date or time has the wrong format",
  "22008": "a date or time is out of range",
  "22001": "a text is too long",
  "22023": "a value is not allowed",
};

export type DatabaseFault = { kind: "bad-data"; what: string } | { kind: "transient" } | { kind: "statement-timeout" };

export function databaseFault(error: unknown): DatabaseFault | undefined {
  const state = sqlState(error);
  if (state && BAD_DATA[state]) return { kind: "bad-data", what: BAD_DATA[state] };
  if (state === "57014") return { kind: "statement-timeout" };
  if (isTransientDbError(error)) return { kind: "transient" };
  return undefined;
}
