// Reading PostgreSQL errors that come through Prisma and the pg driver adapter.

interface MaybeDbError {
  code?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: string; kind?: string } }; target?: unknown };
  cause?: unknown;
}

/** The SQLSTATE of an error from pg, Prisma or the driver adapter, if any. */
export function sqlState(error: unknown): string | undefined {
  const e = error as MaybeDbError | undefined;
  if (!e || typeof e !== "object") return undefined;
  const adapterCode = e.meta?.driverAdapterError?.cause?.originalCode;
  if (adapterCode) return adapterCode;
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  if (e.code === "P2002") return "23505";
  if (e.cause) return sqlState(e.cause);
  return undefined;
}

/** The violated constraint's name (with the driver adapter it sits in meta.driverAdapterError.cause). */
export function violatedConstraint(error: unknown): string | undefined {
  const e = error as MaybeDbError & { constraint?: string } | undefined;
  if (!e || typeof e !== "object") return undefined;
  return e.meta?.driverAdapterError?.cause?.constraint ?? e.constraint ?? (e.cause ? violatedConstraint(e.cause) : undefined);
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === "23505";
export const isCheckViolation = (error: unknown) => sqlState(error) === "23514";
/** Serialization failure or deadlock: the whole transaction may be retried. */
export const isRetryableTransactionError = (error: unknown) => {
  const state = sqlState(error);
  return state === "40001" || state === "40P01" || (error as { code?: string })?.code === "P2034";
};

const TRANSIENT_STATES = new Set([
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
  "57P01", "57P02", "57P03", // admin shutdown, crash shutdown, cannot connect now
  "53300", // too many connections
  "40001", "40P01", // serialization failure, deadlock (after the unit of work's own retries)
]);
// Prisma's codes for "could not reach", "server closed the connection", "pool timeout" and "could not
// start the transaction in time".
const TRANSIENT_PRISMA = new Set(["P1001", "P1002", "P1017", "P2024", "P2028", "P2034"]);
const TRANSIENT_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Unable to start a transaction|Transaction already closed|Can't reach database server|Client has encountered a connection error/i;

/**
 * The database was unreachable, overloaded or lost the connection: nothing was committed, and the same
 * request may succeed if retried. Not a bug, and not the client's fault.
 */
export function isTransientDbError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const state = sqlState(error);
  if (state && TRANSIENT_STATES.has(state)) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  if (typeof e.code === "string" && TRANSIENT_PRISMA.has(e.code)) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (kind && /Connection|Timeout|TooManyConnections|DatabaseNotReachable/i.test(kind)) return true;
  if (typeof e.message === "string" && TRANSIENT_MESSAGE.test(e.message)) return true;
  return isTransientDbError(e.cause, depth + 1);
}
