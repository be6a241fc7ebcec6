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

describe("the SQL unit of work (the hot path on pg)", () => {
  const nameOf = async (id: bigint) => (await db.prisma.user.findUniqueOrThrow({ where: { id } })).firstName;

  it("commits what was committed, rolls back what was not or what threw, and runs hooks after commit only", async () => {
    const u = await createUser(db.prisma);
    const hooks: string[] = [];
    await db.sqlUnitOfWork(async (uow) => {
      await uow.tx.$executeRaw`UPDATE users SET first_name = ${"Fast"} WHERE id = ${u.id}`;
      uow.afterCommit(() => hooks.push("committed"));
      uow.commit();
    });
    expect(await nameOf(u.id)).toBe("Fast");
    await db.sqlUnitOfWork(async (uow) => {
      await uow.tx.$executeRaw`UPDATE users SET first_name = ${"Forgotten"} WHERE id = ${u.id}`;
      uow.afterCommit(() => hooks.push("never"));
    });
    await expect(
      db.sqlUnitOfWork(async (uow) => {
        await uow.tx.$executeRaw`UPDATE users SET first_name = ${"Thrown"} WHERE id = ${u.id}`;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await nameOf(u.id)).toBe("Fast");
    expect(hooks).toEqual(["committed"]);
  });

  it("reads rows with $queryRaw's types: int8 as bigint, timestamps as UTC dates", async () => {
    const u = await createUser(db.prisma);
    const viaPrisma = await db.prisma.$queryRaw<{ id: bigint; available: bigint; created_at: Date; first_name: string }[]>`
      SELECT id, available, created_at, first_name FROM users WHERE id = ${u.id}`;
    const viaPg = await db.sqlUnitOfWork(async (uow) => {
      uow.commit();
      return uow.tx.$queryRaw<{ id: bigint; available: bigint; created_at: Date; first_name: string }[]>`
        SELECT id, available, created_at, first_name FROM users WHERE id = ${u.id}`;
    });
    expect(viaPg).toEqual(viaPrisma);
    expect(typeof viaPg[0]!.id).toBe("bigint");
  });

  it("sends its first statement with BEGIN as exactly the values given, whatever they contain, in the same transaction", async () => {
    const u = await createUser(db.prisma);
    // Quotes, backslashes, a statement separator, a NUL-free Unicode mix: inlined literals must read back as written.
    const hostile = `O'Brien\\'; DROP TABLE users; -- $1 \u00e9\u{1F381}`;
    await db.sqlUnitOfWork(async (uow) => {
      const rows = await uow.tx.$queryRaw<{ first_name: string; available: bigint }[]>`
        UPDATE users SET first_name = ${hostile}, available = available + ${5n} WHERE id = ${u.id} RETURNING first_name, available`;
      expect(rows).toEqual([{ first_name: hostile, available: 5n }]);
      // Still the same transaction: what the first statement wrote is visible here and rolled back below.
      const inside = await uow.tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM users WHERE id = ${u.id} AND first_name = ${hostile}`;
      expect(inside[0]!.n).toBe(1n);
      throw new Error("roll it back");
    }).catch((e: Error) => expect(e.message).toBe("roll it back"));
    expect(await nameOf(u.id)).toBe("Test");
    // Non-scalar values (an array) take the other road, BEGIN on its own, with the same result.
    await db.sqlUnitOfWork(async (uow) => {
      await uow.tx.$executeRaw`UPDATE users SET first_name = ${hostile} WHERE id = ANY(${[u.id.toString()]}::bigint[])`;
      uow.commit();
    });
    expect(await nameOf(u.id)).toBe(hostile);
  });

  it("rolls back a first statement that fails, and the connection serves the next unit", async () => {
    const u = await createUser(db.prisma);
    await expect(
      db.sqlUnitOfWork(async (uow) => {
        await uow.tx.$executeRaw`UPDATE users SET available = available - ${1n} WHERE id = ${u.id}`; // CHECK (available >= 0)
        uow.commit();
      }),
    ).rejects.toThrow();
    for (let i = 0; i < 20; i++) {
      await db.sqlUnitOfWork(async (uow) => {
        await uow.tx.$executeRaw`UPDATE users SET available = available + ${1n} WHERE id = ${u.id}`;
        uow.commit();
      });
    }
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).available).toBe(20n);
  });

  it("refuses Prisma's model methods with a clear error instead of running them elsewhere", async () => {
    await expect(
      db.sqlUnitOfWork(async (uow) => {
        await uow.tx.user.findMany();
        uow.commit();
      }),
    ).rejects.toThrow(/runs raw SQL only: tx\.user/);
  });
});
