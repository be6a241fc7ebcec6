// Test support: every test run gets its own freshly migrated database (README.md, "Two commands": each test file makes its own database).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";
import pg from "pg";
import { createDatabase, type Database } from "./client";
import { readDbConfig } from "./env";

const run = promisify(execFile);
const migrateScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../scripts/migrate.mjs");

/** The server tests use: DATABASE_URL if given, else the local PostgreSQL on its default port. */
export function testServerUrl(): string {
  return process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export async function migrate(url: string): Promise<void> {
  await run(process.execPath, [migrateScript, "deploy"], { env: { ...process.env, DATABASE_URL: url } });
}

export interface TestDatabase extends Database {
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Creates `gm_test_<random>`, applies every migration and connects to it. */
export async function createTestDatabase(overrides: Partial<Record<string, string>> = {}): Promise<TestDatabase> {
  const server = new URL(testServerUrl());
  const name = `gm_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${server.host} for tests (install and start the Debian package "postgresql", or set DATABASE_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const config = readDbConfig({ ...process.env, DB_POOL_SIZE: "5", DB_POOL_OVERFLOW: "20", ...overrides, DATABASE_URL: url.toString() });
  const db = createDatabase(config);
  return {
    ...db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
