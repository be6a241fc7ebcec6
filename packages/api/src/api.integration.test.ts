import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { checkLedger } from "@gm/core";
import { createUser } from "@gm/core/testing";
import { LocalChain, serveLocalChain } from "@gm/ton";
import { failure as trpcError, startHarness, telegramUser, type Harness } from "./testing/harness";
import type { AppRouter } from "./router";

const TON = 1_000_000_000n;
let h: Harness;
const admin = telegramUser({ firstName: "Admin" });

beforeAll(async () => {
  h = await startHarness({ adminIds: new Set([admin.id]) });
});
afterAll(async () => {
  await h?.close();
});


async function rawCall(path: string, init: { authorization?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${h.url}/api/trpc/${path}`, {
    headers: { ...(init.authorization ? { authorization: init.authorization } : {}), ...init.headers },
  });
}

describe("request id and logs", () => {
  it("returns the caller's X-Request-ID and puts it in every log line of the request", async () => {
    const user = telegramUser();
    const res = await rawCall("auth.me", { authorization: `tma ${h.initData(user)}`, headers: { "x-request-id": "req-abc-123" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-abc-123");
    const lines = h.logs.filter((l) => l.requestId === "req-abc-123");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toContainEqual(expect.objectContaining({ procedure: "auth.me", userId: user.id.toString(), outcome: "OK", msg: "call ok" }));
    expect(typeof lines[0]!.durationMs).toBe("number");
  });

  it("makes a request id when none is given", async () => {
    const res = await rawCall("auth.me", { authorization: `tma ${h.initData(telegramUser())}` });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("Telegram auth", () => {
  it("signs a new user in from init data and shows their profile", async () => {
    const user = telegramUser({ firstName: "Alice", username: "alice", languageCode: "ru" });
    const me = await h.client(user).auth.me.query();
    expect(me).toMatchObject({ id: user.id, firstName: "Alice", username: "alice", languageCode: "ru", isAdmin: false });
    expect(me.depositMemo).toMatch(/^gm-[0-9A-Z]{10}$/);
  });

  it("refuses a missing header, a forged hash and an expired auth_date with UNAUTHORIZED", async () => {
    const missing = await rawCall("auth.me");
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toMatch(/Open Gift Market from Telegram/);

    const forged = h.initData(telegramUser()).replace(/hash=[0-9a-f]+/, `hash=${"0".repeat(64)}`);
    expect((await rawCall("auth.me", { authorization: `tma ${forged}` })).status).toBe(401);

    const tampered = h.initData(telegramUser({ firstName: "Mallory" })).replace("Mallory", "Admin");
    expect((await rawCall("auth.me", { authorization: `tma ${tampered}` })).status).toBe(401);

    const old = h.initData(telegramUser(), new Date(Date.now() - 2 * 3600_000));
    const expired = await rawCall("auth.me", { authorization: `tma ${old}` });
    expect(expired.status).toBe(401);
    expect(JSON.stringify(await expired.json())).toMatch(/session has expired/);
  });

  it("refuses banned users", async () => {
    const user = telegramUser();
    await h.client(user).auth.me.query();
    await h.db.prisma.user.update({ where: { id: user.id }, data: { isBanned: true } });
    const err = await trpcError(h.client(user).auth.me.query());
    expect(err.data?.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/suspended/);
  });
});

describe("rate limiting", () => {
  it("refuses the call past the limit with Retry-After, across instances sharing Redis", async () => {
    // Two app instances sharing one Redis share one budget.
    const prefix = `gmtest:limit:${Date.now()}:`;
    const one = await startHarness({ userRateLimitPerMinute: 3 }, { redisPrefix: prefix });
    const two = await startHarness({ userRateLimitPerMinute: 3 }, { redisPrefix: prefix });
    try {
      const auth = `tma ${one.initData(telegramUser())}`;
      const call = (inst: Harness, path = "wallet.balance") => fetch(`${inst.url}/api/trpc/${path}`, { headers: { authorization: auth } });
      const statuses = [(await call(one)).status, (await call(two)).status, (await call(one)).status];
      expect(statuses).toEqual([200, 200, 200]);
      const refused = await call(two);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(await refused.json())).toMatch(/Too many requests/);
      // Another procedure has its own budget.
      expect((await call(one, "auth.me")).status).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe("admin.adjustBalance, idempotency and the unit of work", () => {
  it("credits a user, audited, and the wallet shows it", async () => {
    const user = telegramUser();
    const client = h.client(user);
    await client.auth.me.query();
    const res = await h.client(admin).admin.adjustBalance.mutate({ idempotencyKey: "adj-credit-0001", userId: user.id, amount: 25n * TON, reason: "Support refund" });
    expect(res.available).toBe(25n * TON);
    expect(await client.wallet.balance.query()).toEqual({ available: 25n * TON, locked: 0n });
    const history = await client.wallet.history.query({ limit: 10 });
    expect(history.items).toEqual([expect.objectContaining({ kind: "ADJUSTMENT", account: "USER_AVAILABLE", amount: 25n * TON, memo: "Support refund" })]);
    const audit = await h.db.prisma.auditLog.findMany({ where: { action: "balance.adjust", targetId: user.id.toString() } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
  });

  it("is for admins only, re-checked on every call", async () => {
    const user = telegramUser();
    const err = await trpcError(h.client(user).admin.adjustBalance.mutate({ idempotencyKey: "not-admin-01", userId: user.id, amount: TON, reason: "self-service" }));
    expect(err.data?.code).toBe("FORBIDDEN");
    // An admin promoted in the database is recognised on the next call, and demoted likewise.
    await h.db.prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    await h.client(user).admin.adjustBalance.mutate({ idempotencyKey: "now-admin-01", userId: user.id, amount: TON, reason: "promoted" });
    await h.db.prisma.user.update({ where: { id: user.id }, data: { role: "USER" } });
    expect((await trpcError(h.client(user).admin.adjustBalance.mutate({ idempotencyKey: "demoted-01", userId: user.id, amount: TON, reason: "demoted" }))).data?.code).toBe("FORBIDDEN");
  });

  it("gives bad input a clear BAD_REQUEST and changes nothing", async () => {
    const user = telegramUser();
    await h.client(user).auth.me.query();
    const c = h.client(admin);
    const noKey = await trpcError(c.admin.adjustBalance.mutate({ idempotencyKey: "short", userId: user.id, amount: TON, reason: "x" + "y".repeat(5) }));
    expect(noKey.data?.code).toBe("BAD_REQUEST");
    expect(noKey.message).toMatch(/idempotencyKey must be 8 to 255 characters/);
    const zero = await trpcError(c.admin.adjustBalance.mutate({ idempotencyKey: "zero-amount-1", userId: user.id, amount: 0n, reason: "nothing" }));
    expect(zero.data?.code).toBe("BAD_REQUEST");
    expect(zero.message).toMatch(/amount cannot be zero/);
    const unknown = await trpcError(c.admin.adjustBalance.mutate({ idempotencyKey: "unknown-user-1", userId: 42n, amount: TON, reason: "who?" }));
    expect(unknown.data?.code).toBe("NOT_FOUND");
    expect(unknown.message).toBe("The user was not found.");
    const overdraw = await trpcError(c.admin.adjustBalance.mutate({ idempotencyKey: "overdraw-0001", userId: user.id, amount: -TON, reason: "claw back" }));
    expect(overdraw.data?.code).toBe("PRECONDITION_FAILED");
    expect(overdraw.message).toBe("Not enough balance: 0.00 TON available, 1.00 TON needed.");
    expect(await h.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ available: 0n, locked: 0n });
    // A refused call does not use up its key: the same key works once the call can succeed.
    await c.admin.adjustBalance.mutate({ idempotencyKey: "overdraw-0002", userId: user.id, amount: 2n * TON, reason: "top up" });
    const retried = await c.admin.adjustBalance.mutate({ idempotencyKey: "overdraw-0001", userId: user.id, amount: -TON, reason: "claw back" });
    expect(retried.available).toBe(TON);
    expect(await h.db.prisma.idempotencyRecord.count({ where: { key: { in: ["short", "zero-amount-1", "unknown-user-1"] } } })).toBe(0);
  });

  it("applies 50 concurrent calls with one key exactly once and answers all 50 identically", async () => {
    const target = await createUser(h.db.prisma);
    const c = h.client(admin);
    const input = { idempotencyKey: "concurrent-key-0001", userId: target.id, amount: 7n * TON, reason: "Concurrent credit" };
    const answers = await Promise.all(Array.from({ length: 50 }, () => c.admin.adjustBalance.mutate(input)));
    expect(new Set(answers.map((a) => superjson.stringify(a))).size).toBe(1);
    expect(answers[0]!.available).toBe(7n * TON);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).available).toBe(7n * TON);
    expect(await h.db.prisma.ledgerMovement.count({ where: { kind: "ADJUSTMENT", reference: `user:${target.id}` } })).toBe(1);
    expect(await h.db.prisma.auditLog.count({ where: { targetId: target.id.toString() } })).toBe(1);

    const reused = await trpcError(c.admin.adjustBalance.mutate({ ...input, amount: 8n * TON }));
    expect(reused.data?.code).toBe("CONFLICT");
    expect(reused.message).toMatch(/already used for a different request/);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).available).toBe(7n * TON);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("keeps the books exact under many concurrent credits and debits from many keys", async () => {
    const target = await createUser(h.db.prisma, { available: 5n * TON });
    const c = h.client(admin);
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        c.admin.adjustBalance.mutate({ idempotencyKey: `mixed-${i}-xxxxxx`, userId: target.id, amount: i % 2 ? -2n * TON : TON, reason: "mixed load" }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    for (const r of results) if (r.status === "rejected") expect((r.reason as TRPCClientError<AppRouter>).data?.code).toBe("PRECONDITION_FAILED");
    expect(ok).toBeGreaterThan(30);
    const report = await checkLedger(h.db.prisma);
    expect(report.ok).toBe(true);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).available).toBeGreaterThanOrEqual(0n);
  });
});

describe("wallet.history", () => {
  it("pages through every ledger row exactly once, newest first", async () => {
    const user = telegramUser();
    await h.client(user).auth.me.query();
    for (let i = 1; i <= 7; i++) await h.client(admin).admin.adjustBalance.mutate({ idempotencyKey: `page-${i}-yyyyyyyy`, userId: user.id, amount: BigInt(i) * TON, reason: `credit ${i}` });
    const client = h.client(user);
    const seen: bigint[] = [];
    let cursor: bigint | undefined;
    do {
      const page = await client.wallet.history.query({ limit: 3, cursor });
      seen.push(...page.items.map((i) => i.amount));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([7n, 6n, 5n, 4n, 3n, 2n, 1n].map((n) => n * TON));
    const bad = await trpcError(client.wallet.history.query({ limit: 1000 }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/limit/);
  });
});

describe("readiness", () => {
  it("reports each check", async () => {
    const res = await fetch(`${h.url}/api/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, checks: { database: { ok: true }, redis: { ok: true } } });
  });

  it("reports the TON API with its latency, and stays ready while it is down (only deposits and withdrawals wait)", async () => {
    const chain = await serveLocalChain(await LocalChain.create());
    const other = await startHarness({}, { env: { TON_API_ENDPOINT: chain.endpoint, TON_API_TIMEOUT_MS: "1000" } });
    try {
      const up = await fetch(`${other.url}/api/ready`);
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ ok: true, checks: { ton: { ok: true, informational: true, latencyMs: expect.any(Number) } } });
      await chain.close();
      const down = await fetch(`${other.url}/api/ready`);
      expect(down.status).toBe(200);
      expect(await down.json()).toMatchObject({ ok: true, checks: { database: { ok: true }, ton: { ok: false, informational: true, error: expect.any(String) } } });
    } finally {
      await other.close();
      await chain.close().catch(() => {});
    }
  });
});
