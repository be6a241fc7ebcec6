import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@gm/db/testing";
import { createTaskStateRepository, TASK_ERROR_MAX_LENGTH } from "./task-state-repository";
import { deleteExpiredIdempotencyRecords } from "../idempotency/delete-expired";
import { createUser } from "../testing";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const unique = (base: string) => `${base}-${randomBytes(3).toString("hex")}`;

describe("task state repository", () => {
  it("registers a task once and keeps its interval current", async () => {
    const repo = createTaskStateRepository(db.prisma);
    const name = unique("reg");
    await repo.registerTask(name, 1_000);
    await repo.registerTask(name, 2_000);
    const rows = (await repo.list()).filter((r) => r.name === name);
    expect(rows).toEqual([expect.objectContaining({ name, intervalMs: 2_000, runs: 0, failures: 0, lastRunAt: null })]);
  });

  it("counts every run exactly under concurrent runners, and a success resets the failure streak", async () => {
    const repo = createTaskStateRepository(db.prisma);
    const name = unique("count");
    await repo.registerTask(name, 1_000);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => repo.recordRun(name, { ok: false, durationMs: i, error: `e${i}`, runner: `r${i % 3}` })),
    );
    let row = (await repo.list()).find((r) => r.name === name)!;
    expect(row).toMatchObject({ runs: 30, failures: 30, consecutiveFailures: 30 });
    expect(row.lastError).toMatch(/^e\d+$/);
    expect(row.lastErrorAt).not.toBeNull();
    expect(row.lastSuccessAt).toBeNull();

    expect(await repo.recordRun(name, { ok: true, durationMs: 12.6, runner: "r9" })).toBe(true);
    row = (await repo.list()).find((r) => r.name === name)!;
    expect(row).toMatchObject({ runs: 31, failures: 30, consecutiveFailures: 0, lastDurationMs: 13, runner: "r9" });
    expect(row.lastSuccessAt).not.toBeNull();
    expect(row.lastError).toMatch(/^e\d+$/); // the last error stays visible for admins
  });

  it("truncates long errors and reports an unregistered task", async () => {
    const repo = createTaskStateRepository(db.prisma);
    const name = unique("long");
    expect(await repo.recordRun(name, { ok: true, durationMs: 1, runner: "r" })).toBe(false);
    await repo.registerTask(name, 1_000);
    await repo.recordRun(name, { ok: false, durationMs: 1, error: "x".repeat(10_000), runner: "r" });
    const row = (await repo.list()).find((r) => r.name === name)!;
    expect(row.lastError).toHaveLength(TASK_ERROR_MAX_LENGTH);
  });

  it("lists tasks ordered by name", async () => {
    const repo = createTaskStateRepository(db.prisma);
    await repo.registerTask("zz-last", 1_000);
    await repo.registerTask("aa-first", 1_000);
    const names = (await repo.list()).map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe("aa-first");
  });
});

describe("idempotency cleanup", () => {
  it("deletes records older than 24 hours in one statement and keeps newer ones", async () => {
    const user = await createUser(db.prisma);
    for (const [key, age] of [["old-1", "25 hours"], ["old-2", "30 days"], ["recent", "23 hours"], ["new", "0 seconds"]] as const) {
      await db.prisma.$executeRaw`
        INSERT INTO idempotency_records (user_id, key, procedure, request_hash, created_at)
        VALUES (${user.id}, ${key}, 'buyNft', 'h', CURRENT_TIMESTAMP - ${age}::interval)`;
    }
    expect(await deleteExpiredIdempotencyRecords(db.prisma)).toBe(2);
    const left = await db.prisma.idempotencyRecord.findMany({ where: { userId: user.id }, orderBy: { key: "asc" } });
    expect(left.map((r) => r.key)).toEqual(["new", "recent"]);
    expect(await deleteExpiredIdempotencyRecords(db.prisma)).toBe(0);
  });
});
