// The worker's ton-withdrawals task against the local chain and real PostgreSQL: withdrawals requested
// through core are sent in one signed transfer, confirmed at their destination or refunded when they
// bounce, and nothing is ever sent twice — not by a rerun, a crash between sending and settling, a send
// that failed, an expired transfer, a TON API outage, or two senders at once.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Address, toNano } from "@ton/core";
import { checkLedger, executeMoneyCommand, requestWithdrawal, type CoreRuntime } from "@gm/core";
import { createTestDatabase, createUser, type TestDatabase } from "@gm/core/testing";
import { memoryBackends } from "@gm/redis";
import { createLogger } from "@gm/observability/logger";
import { createTonGateway, DEV_WALLET_MNEMONIC, LocalChain, platformWallet, serveFlakyProxy, serveLocalChain, type LocalChainServer, type PlatformWallet, type TonGateway } from "@gm/ton";
import { tonWithdrawalsTask } from "./ton-withdrawals";

const logger = createLogger("worker-test", "silent");
const signal = new AbortController().signal;
let db: TestDatabase;
let chain: LocalChainServer;
let wallet: PlatformWallet;
let core: CoreRuntime;

beforeAll(async () => {
  db = await createTestDatabase();
  wallet = await platformWallet(DEV_WALLET_MNEMONIC.split(" "));
  const depositAddress = wallet.address.toString({ bounceable: false, testOnly: true });
  core = { database: db, cache: memoryBackends().cache, logger, config: { ton: { network: "testnet", depositAddress: async () => depositAddress } } };
});
afterAll(async () => {
  await db?.drop();
});
// A chain of its own per test: "one transfer" counts only that test's.
beforeEach(async () => {
  chain = await serveLocalChain(await LocalChain.create());
  await chain.chain.faucet(wallet.address, toNano("1000")); // the hot wallet's float (no memo: an unmatched deposit)
  await db.prisma.$executeRaw`TRUNCATE withdrawals, withdrawal_batches CASCADE`;
});
afterEach(async () => {
  await chain?.close();
});

const someone = (bounceable: boolean) => new Address(0, randomBytes(32)).toString({ bounceable, testOnly: true });

async function withdraw(userId: bigint, amount: bigint, destination?: string) {
  const { value } = await executeMoneyCommand(requestWithdrawal, core, { userId, isAdmin: false, requestId: `req-${randomBytes(4).toString("hex")}` }, "wallet.withdraw", {
    amount, destination, idempotencyKey: randomBytes(8).toString("hex"),
  });
  return value;
}

/** The platform wallet's transactions started by our own signed messages: each is one on-chain transfer. */
const transfers = () => chain.chain.transactions(wallet.address, { limit: 100 }).filter((t) => t.tx.inMessage?.info.type === "external-in");
const withdrawals = () => db.prisma.withdrawal.findMany({ orderBy: { id: "asc" } });
const task = (gateway: TonGateway = createTonGateway({ endpoint: chain.endpoint }), extra: Partial<Parameters<typeof tonWithdrawalsTask>[0]> = {}) =>
  tonWithdrawalsTask({ core, gateway, wallet, logger, ...extra });

describe("the ton-withdrawals task", () => {
  it("sends due withdrawals in one transfer, confirms each with its transactions, and refunds a bounced one", async () => {
    const proven = new Address(0, randomBytes(32));
    const alice = await createUser(db.prisma, { available: toNano("100") });
    await db.prisma.user.update({ where: { id: alice.id }, data: { tonAddress: proven.toRawString() } });
    const bob = await createUser(db.prisma, { available: toNano("50") });
    const carol = await createUser(db.prisma, { available: toNano("20") });
    const toAlice = await withdraw(alice.id, toNano("40")); // her connected wallet, sent non-bounceable
    const toNowhere = await withdraw(bob.id, toNano("10"), someone(true)); // bounceable, to an account that does not exist: bounces
    const toCarol = await withdraw(carol.id, toNano("5"), someone(false));
    expect(toAlice).toMatchObject({ status: "PENDING", fee: 50_000_000n, available: toNano("60") - 50_000_000n, locked: toNano("40") + 50_000_000n });

    const run = task();
    await run(signal);
    expect(transfers()).toHaveLength(1);
    const rows = await withdrawals();
    expect(rows.map((w) => w.status)).toEqual(["CONFIRMED", "FAILED", "CONFIRMED"]);
    const sentTx = transfers()[0]!.hash.toString("hex");
    for (const w of rows) expect(w).toMatchObject({ txHash: sentTx, resultTxHash: expect.stringMatching(/^[0-9a-f]{64}$/), attempts: 1 });
    expect(rows[0]!.destination).toBe(proven.toString({ bounceable: false, testOnly: true }));
    expect(await chain.chain.blockchain.getContract(proven).then((c) => c.balance)).toBe(toNano("40"));

    const balance = (id: bigint) => db.prisma.user.findUniqueOrThrow({ where: { id } }).then((u) => ({ available: u.available, locked: u.locked }));
    expect(await balance(alice.id)).toEqual({ available: toNano("60") - 50_000_000n, locked: 0n });
    expect(await balance(bob.id)).toEqual({ available: toNano("50"), locked: 0n }); // refunded in full, fee included
    expect(await balance(carol.id)).toEqual({ available: toNano("15") - 50_000_000n, locked: 0n });
    const kinds = await db.prisma.ledgerMovement.findMany({ where: { reference: `withdrawal:${toNowhere.id}` }, orderBy: { id: "asc" } });
    expect(kinds.map((m) => m.kind)).toEqual(["WITHDRAWAL_REQUEST", "WITHDRAWAL_SEND", "WITHDRAWAL_REFUND"]);
    const carolKinds = await db.prisma.ledgerMovement.findMany({ where: { reference: `withdrawal:${toCarol.id}` }, orderBy: { id: "asc" } });
    expect(carolKinds.map((m) => m.kind)).toEqual(["WITHDRAWAL_REQUEST", "WITHDRAWAL_SEND", "WITHDRAWAL_CONFIRM"]);

    await run(signal);
    await task()(signal);
    expect(transfers()).toHaveLength(1);
    expect((await withdrawals()).map((w) => w.status)).toEqual(["CONFIRMED", "FAILED", "CONFIRMED"]);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });

  it("killed between sending and settling: the next sender finds the transfer on chain and sends nothing again", async () => {
    const user = await createUser(db.prisma, { available: toNano("30") });
    await withdraw(user.id, toNano("3"), someone(false));
    await withdraw(user.id, toNano("4"), someone(false));
    const real = createTonGateway({ endpoint: chain.endpoint });
    // The process dies right after the send: its first look for the outcome never returns.
    const dying: TonGateway = { ...real, findExternal: () => Promise.reject(new Error("SIGKILL")) };
    await expect(task(dying)(signal)).rejects.toThrow("SIGKILL");
    expect(transfers()).toHaveLength(1);
    expect((await withdrawals()).map((w) => w.status)).toEqual(["SENDING", "SENDING"]);

    await task()(signal);
    expect(transfers()).toHaveLength(1);
    expect((await withdrawals()).map((w) => w.status)).toEqual(["CONFIRMED", "CONFIRMED"]);
    const batches = await db.prisma.withdrawalBatch.findMany();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ status: "LANDED", sends: 1, txHash: transfers()[0]!.hash.toString("hex") });
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });

  it("a transfer persisted but not delivered to the API is sent again as signed, and lands once", async () => {
    const user = await createUser(db.prisma, { available: toNano("30") });
    await withdraw(user.id, toNano("2"), someone(false));
    const real = createTonGateway({ endpoint: chain.endpoint });
    await task({ ...real, sendExternal: () => Promise.reject(new Error("socket hang up")) })(signal);
    expect(transfers()).toHaveLength(0);
    expect((await db.prisma.withdrawalBatch.findFirstOrThrow()).lastError).toBe("socket hang up");

    await task()(signal); // not found, still valid: the same signed message again
    expect(transfers()).toHaveLength(1);
    expect((await withdrawals()).map((w) => w.status)).toEqual(["CONFIRMED"]);
    expect(await db.prisma.withdrawalBatch.findFirstOrThrow()).toMatchObject({ status: "LANDED", sends: 2 });
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });

  it("a transfer that expired unsent is replaced only once the wallet's seqno shows it never ran", async () => {
    const user = await createUser(db.prisma, { available: toNano("30") });
    await withdraw(user.id, toNano("2"), someone(false));
    const real = createTonGateway({ endpoint: chain.endpoint });
    await task({ ...real, sendExternal: () => Promise.reject(new Error("timeout")) })(signal);
    const first = await db.prisma.withdrawalBatch.findFirstOrThrow();

    // Still valid: it is resent, never replaced. Past its validity (and the margin): replaced.
    const later = () => new Date(first.validUntil.getTime() + 31_000);
    await task({ ...real, sendExternal: () => Promise.reject(new Error("timeout")) })(signal);
    expect(await db.prisma.withdrawalBatch.count()).toBe(1);
    await task(real, { now: later })(signal);
    const batches = await db.prisma.withdrawalBatch.findMany({ orderBy: { id: "asc" } });
    expect(batches.map((b) => b.status)).toEqual(["EXPIRED", "LANDED"]);
    expect(batches[1]!.seqno).toBe(first.seqno); // the same seqno: the expired one can never run now
    expect(transfers()).toHaveLength(1);
    expect(await withdrawals()).toMatchObject([{ status: "CONFIRMED", attempts: 2 }]);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });

  it("two senders at once (no task lock): one transfer, each withdrawal sent once", async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(db.prisma, { available: toNano("10") })));
    for (const u of users) await withdraw(u.id, toNano("1"), someone(false));
    const results = await Promise.allSettled([task()(signal), task()(signal), task()(signal)]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    await task()(signal);
    expect(transfers()).toHaveLength(1);
    expect((await withdrawals()).every((w) => w.status === "CONFIRMED")).toBe(true);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });

  it("waits while the hot wallet's balance cannot cover a withdrawal, and sends it once topped up", async () => {
    const user = await createUser(db.prisma, { available: toNano("5000") });
    await withdraw(user.id, toNano("2000"), someone(false)); // the wallet holds 1,000
    await task()(signal);
    expect(transfers()).toHaveLength(0);
    expect(await withdrawals()).toMatchObject([{ status: "PENDING", attempts: 0 }]);
    await chain.chain.faucet(wallet.address, toNano("1500"));
    await task()(signal);
    expect(transfers()).toHaveLength(1);
    expect(await withdrawals()).toMatchObject([{ status: "CONFIRMED" }]);
  });
});

describe("the ton-withdrawals task when the TON API fails", () => {
  it("opens the breaker, the withdrawals wait, and after recovery each is sent in exactly one transfer", async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => createUser(db.prisma, { available: toNano("10") })));
    for (const u of users) await withdraw(u.id, toNano("1"), someone(false));
    const proxy = await serveFlakyProxy(chain.endpoint);
    const gateway = createTonGateway({ endpoint: proxy.endpoint, breakerFailures: 2, breakerOpenMs: 300, retries: 0, timeoutMs: 2_000 });
    const run = task(gateway);
    proxy.failing = true;
    for (let i = 0; i < 4; i++) await run(signal).catch(() => {});
    expect(gateway.breakerState()).toBe("open");
    const started = Date.now();
    await expect(run(signal)).rejects.toThrow(/circuit|breaker/i); // fails fast, no request made
    expect(Date.now() - started).toBeLessThan(100);
    expect((await withdrawals()).map((w) => w.status)).toEqual(["PENDING", "PENDING", "PENDING"]);
    expect(transfers()).toHaveLength(0);

    proxy.failing = false;
    await new Promise((r) => setTimeout(r, 350));
    await run(signal);
    expect(gateway.breakerState()).toBe("closed");
    expect(transfers()).toHaveLength(1);
    expect((await withdrawals()).map((w) => w.status)).toEqual(["CONFIRMED", "CONFIRMED", "CONFIRMED"]);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
    await proxy.close();
  });
});
