export { createDatabase, type Database } from "./client";
export { readDbConfig, dbEnvShape, type DbConfig } from "./env";
export { inUnitOfWork, type Db, type Tx, type UnitOfWork, type UnitOfWorkOptions } from "./unit-of-work";
export type { SqlReader } from "./sql-unit-of-work";
export { sqlState, violatedConstraint, isUniqueViolation, isCheckViolation, isRetryableTransactionError, isTransientDbError } from "./errors";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export * as Enums from "./generated/prisma/enums";
export type * from "./generated/prisma/client";
