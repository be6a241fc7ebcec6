import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, migrate, type TestDatabase } from "./testing";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("migrations", () => {
  it("build the whole schema with its CHECK constraints and the balanced-ledger trigger, and re-apply as a no-op", async () => {
    const tables = await db.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(["users", "ledger_entries", "ledger_movements", "nfts", "offers", "collection_offers", "auctions", "bids", "presales", "deposits", "withdrawals", "idempotency_records", "activity_events", "settings", "audit_log", "task_states", "ton_cursors", "gift_attributes", "gifts"]),
    );
    const checks = await db.pool.query<{ conname: string }>("SELECT conname FROM pg_constraint WHERE contype = 'c'");
    expect(checks.rows.map((r) => r.conname)).toEqual(
      expect.arrayContaining(["users_available_nonnegative", "users_locked_nonnegative", "nfts_price_positive", "offers_price_positive", "withdrawals_amount_positive"]),
    );
    const triggers = await db.pool.query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal OR tgname = 'ledger_movement_balanced'");
    expect(triggers.rows.map((r) => r.tgname)).toEqual(expect.arrayContaining(["ledger_movement_balanced", "ledger_entries_append_only"]));
    const settings = await db.prisma.settings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.feeBps).toBe(500);
    await migrate(db.url); // nothing pending: no error, nothing changed
    const applied = await db.pool.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    expect(applied.rows[0].n).toBeGreaterThan(0);
  });

  it("apply to the embedded PostgreSQL (PGlite) that `pnpm dev` uses", async () => {
    const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../scripts/pglite-server.mjs");
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(process.execPath, [script], { env: { ...process.env, PGLITE_DATA_DIR: "memory://", PGLITE_PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout!.on("data", (d) => String(d).includes("PGlite ready") && resolve());
        server.on("exit", (code) => reject(new Error(`pglite exited ${code}`)));
      });
      const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
      await migrate(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query("SELECT fee_bps FROM settings WHERE id = 1");
      await expect(client.query("UPDATE users SET available = -1")).resolves.toBeDefined(); // no rows yet
      await client.query("INSERT INTO users (id, first_name, deposit_memo, updated_at) VALUES (1, 'A', 'm1', now())");
      await expect(client.query("UPDATE users SET available = -1 WHERE id = 1")).rejects.toThrow(/users_available_nonnegative/);
      await client.end();
      expect(rows[0].fee_bps).toBe(500);
    } finally {
      server.kill("SIGTERM");
    }
  }, 120_000);
});
