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
