import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing";
import { inUnitOfWork } from "./unit-of-work";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

let nextId = 9_000_000n;
const createUser = (prisma: TestDatabase["prisma"]) => {
  const id = nextId++;
  return prisma.user.create({ data: { id, firstName: "Test", depositMemo: `memo-${id}` } });
};

const rename = (id: bigint, firstName: string) => db.prisma.user.update({ where: { id }, data: { firstName } });

describe("unit of work", () => {
  it("commits what was explicitly committed", async () => {
    const u = await createUser(db.prisma);
    await inUnitOfWork(db.prisma, async (uow) => {
      await uow.tx.user.update({ where: { id: u.id }, data: { firstName: "Committed" } });
      uow.commit();
    });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).firstName).toBe("Committed");
  });

  it("rolls back when the work throws", async () => {
    const u = await createUser(db.prisma);
    await rename(u.id, "Before");
    await expect(
      inUnitOfWork(db.prisma, async (uow) => {
        await uow.tx.user.update({ where: { id: u.id }, data: { firstName: "Thrown" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).firstName).toBe("Before");
  });

  it("rolls back and warns when the work returns without committing", async () => {
    const u = await createUser(db.prisma);
    await rename(u.id, "Before");
    const warn = vi.fn();
    const value = await inUnitOfWork(
      db.prisma,
      async (uow) => {
        await uow.tx.user.update({ where: { id: u.id }, data: { firstName: "Forgotten" } });
        return 42;
      },
      { name: "forgetful", logger: { warn } },
    );
    expect(value).toBe(42);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).firstName).toBe("Before");
    expect(warn).toHaveBeenCalledWith({ unitOfWork: "forgetful" }, "unit of work returned without commit: rolled back");
  });
});

describe("after-commit hooks", () => {
  it("run once the change is visible to others, and never for work that rolled back", async () => {
    const u = await createUser(db.prisma);
    const seen: string[] = [];
    await inUnitOfWork(db.prisma, async (uow) => {
      await uow.tx.user.update({ where: { id: u.id }, data: { firstName: "Visible" } });
      uow.afterCommit(async () => {
        // A separate connection: proves the commit happened before the hook.
        seen.push((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).firstName);
      });
      uow.commit();
    });
    await inUnitOfWork(db.prisma, async (uow) => {
      uow.afterCommit(() => seen.push("rolled back"));
    }).catch(() => {});
    await expect(
      inUnitOfWork(db.prisma, async (uow) => {
        uow.afterCommit(() => seen.push("threw"));
        uow.commit();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(seen).toEqual(["Visible"]);
  });
});
