// Deposits from a local TON chain into balances, exactly once: 1,000 deposits from 200 users over several
// pages; every kind of transfer that must not be credited, with its reason; a batch whose database
// connection dies halfway, then the run again; two worker instances at once. The ledger adds up after each.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address, beginCell, toNano } from "@ton/core";
import { createTonGateway, LocalChain, serveLocalChain, type LocalChainServer, type TonGateway } from "@gm/ton";
import { memoryBackends } from "@gm/redis";
import { checkLedger } from "../ledger/ledger-check";
import { executeCommand, type CoreRuntime } from "../common/execute";
import { createTestDatabase, createUsers, type TestDatabase } from "../testing";
import { depositCursor, recordDeposits } from "./record-deposits";

let db: TestDatabase;
let chain: LocalChainServer;
let gateway: TonGateway;
let rt: CoreRuntime;
const platform = new Address(0, randomBytes(32)); // the platform wallet (undeployed: deposits still arrive)
const wallet = platform.toRawString();
const system = { userId: 0n, isAdmin: false, requestId: "ton-deposits" };

beforeAll(async () => {
  db = await createTestDatabase();
  chain = await serveLocalChain(await LocalChain.create());
  gateway = createTonGateway({ endpoint: chain.endpoint });
  rt = { database: db, cache: memoryBackends().cache };
});
afterAll(async () => {
  await chain?.close();
  await db?.drop();
});

/** One run of the worker's task: everything new since the cursor, in batches of `batch`. */
async function runTask(batch = 100) {
  const cursor = await depositCursor(db, wallet);
  const txs = await gateway.transactionsSince(platform, cursor);
  let credited = 0;
  for (let i = 0; i < txs.length; i += batch) {
    const page = txs.slice(i, i + batch).map((t) => ({ lt: t.lt, hash: t.hash, value: t.value, source: t.source?.toString() ?? "", comment: t.comment, ignored: t.ignored }));
    credited += (await executeCommand(recordDeposits, rt, system, { wallet, batch: page }, "ton-deposits")).credited;
  }
  return { seen: txs.length, credited };
}

const balances = async (ids: bigint[]) => new Map((await db.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, available: true } })).map((u) => [u.id, u.available]));
const memo = (id: bigint) => `memo-${id}`; // createUsers' memos

describe("deposits", () => {
  it("credits 1,000 deposits from 200 users exactly once, across pages and repeated runs", async () => {
    const users = await createUsers(db.prisma, 200, 0n);
    const expected = new Map<bigint, bigint>();
    for (let round = 0; round < 5; round++) {
      for (const [i, id] of users.entries()) {
        const amount = toNano("1") + BigInt(round * 1000 + i);
        await chain.chain.faucet(platform, amount, memo(id));
        expected.set(id, (expected.get(id) ?? 0n) + amount);
      }
    }
    expect(await runTask()).toEqual({ seen: 1000, credited: 1000 });
    expect(await balances(users)).toEqual(expected);
    // Again: nothing new on chain, nothing credited twice.
    expect(await runTask()).toEqual({ seen: 0, credited: 0 });
    expect(await balances(users)).toEqual(expected);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  }, 120_000);

  it("does not credit what must not be, and records why", async () => {
    const [user] = await createUsers(db.prisma, 1, 0n);
    await chain.chain.faucet(platform, toNano("5"), memo(user!)); // the one to credit
    await chain.chain.faucet(platform, toNano("5")); // no comment
    await chain.chain.faucet(platform, toNano("5"), "gm-NOBODY"); // unknown memo: waits for an admin
    await chain.chain.faucet(platform, toNano("0.01"), memo(user!)); // below the minimum deposit (0.1 TON)
    await chain.chain.faucet(platform, toNano("5"), beginCell().storeUint(0x7362d09c, 32).storeUint(0, 64).storeCoins(10n).endCell()); // a jetton notification
    await runTask();
    const rows = await db.prisma.deposit.findMany({ orderBy: { lt: "desc" }, take: 5, select: { status: true, reason: true, userId: true, amount: true } });
    expect(rows.reverse()).toEqual([
      { status: "CREDITED", reason: null, userId: user, amount: toNano("5") },
      { status: "IGNORED", reason: "NO_COMMENT", userId: null, amount: toNano("5") },
      { status: "UNMATCHED", reason: "UNKNOWN_MEMO", userId: null, amount: toNano("5") },
      { status: "IGNORED", reason: "BELOW_MINIMUM", userId: null, amount: toNano("0.01") },
      { status: "IGNORED", reason: "NOT_A_TEXT_TRANSFER", userId: null, amount: toNano("5") },
    ]);
    expect((await balances([user!])).get(user!)).toBe(toNano("5"));
  });

  it("loses and doubles nothing when a batch fails halfway, or when two workers run at once", async () => {
    const users = await createUsers(db.prisma, 50, 0n);
    for (const id of users) await chain.chain.faucet(platform, toNano("2"), memo(id));
    // The batch fails halfway (the database refuses its 30th row, as a crash would stop it): the whole
    // batch rolls back and the cursor stays where it was.
    const before = await depositCursor(db, wallet);
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION fail_30th() RETURNS trigger AS $$ BEGIN
      IF NEW.comment = '${memo(users[29]!)}' THEN RAISE EXCEPTION 'crash mid-batch'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.prisma.$executeRawUnsafe("CREATE TRIGGER fail_30th BEFORE INSERT ON deposits FOR EACH ROW EXECUTE FUNCTION fail_30th()");
    await expect(runTask(50)).rejects.toThrow(/crash mid-batch/);
    expect(await depositCursor(db, wallet)).toEqual(before);
    expect((await balances(users)).get(users[0]!)).toBe(0n);
    await db.prisma.$executeRawUnsafe("DROP TRIGGER fail_30th ON deposits");
    expect(await runTask(50)).toEqual({ seen: 50, credited: 50 });
    // Two instances run the task together (as if the lock were lost): each deposit is credited once.
    for (const id of users) await chain.chain.faucet(platform, toNano("3"), memo(id));
    const runs = await Promise.allSettled([runTask(10), runTask(10)]);
    expect(runs.some((r) => r.status === "fulfilled")).toBe(true);
    await runTask(); // whatever an unlucky instance left
    const b = await balances(users);
    for (const id of users) expect(b.get(id)).toBe(toNano("5")); // 2 + 3, once each
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  }, 60_000);
});
