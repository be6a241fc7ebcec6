// The worker process SIGKILLed again and again while it credits deposits and sends withdrawals (the real
// process, the local chain over HTTP, real PostgreSQL): wherever a kill lands — mid-batch of deposits,
// between persisting a transfer and sending it, between sending and settling, mid-delivery — every deposit
// is credited once, every withdrawal leaves the platform wallet in exactly one message and is confirmed
// once, and the books close.
import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address, toNano } from "@ton/core";
import { checkLedger, executeMoneyCommand, requestWithdrawal, type CoreRuntime } from "@gm/core";
import { createTestDatabase, createUsers, type TestDatabase } from "@gm/core/testing";
import { memoryBackends } from "@gm/redis";
import { killWorkerProcesses, startWorkerProcess } from "./testing/worker-process";
import { DEV_WALLET_MNEMONIC, LocalChain, platformWallet, serveLocalChain, textComment, type LocalChainServer, type PlatformWallet } from "@gm/ton";

let db: TestDatabase;
let chain: LocalChainServer;
let wallet: PlatformWallet;
let core: CoreRuntime;

beforeAll(async () => {
  db = await createTestDatabase();
  chain = await serveLocalChain(await LocalChain.create());
  wallet = await platformWallet(DEV_WALLET_MNEMONIC.split(" "));
  core = { database: db, cache: memoryBackends().cache, config: { ton: { network: "testnet", depositAddress: async () => wallet.address.toString({ bounceable: false, testOnly: true }) } } };
});
afterAll(async () => {
  killWorkerProcesses();
  await chain?.close();
  await db?.drop();
});

const startWorker = () =>
  startWorkerProcess({ DATABASE_URL: db.url, TON_API_ENDPOINT: chain.endpoint, TON_DEPOSITS_INTERVAL_MS: "500", TON_WITHDRAWALS_INTERVAL_MS: "500" });

describe("the worker killed at random moments", () => {
  it("credits every deposit once and sends every withdrawal in exactly one on-chain message", async () => {
    await chain.chain.faucet(wallet.address, toNano("5000")); // the hot wallet's float
    const users = await createUsers(db.prisma, 100, toNano("50"));
    for (const [i, id] of users.entries()) for (let k = 0; k < 3; k++) await chain.chain.faucet(wallet.address, toNano(String(1 + ((i + k) % 5))), `memo-${id}`);
    const requested: bigint[] = [];
    const request = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const userId = users[randomInt(users.length)]!;
        const { value } = await executeMoneyCommand(requestWithdrawal, core, { userId, isAdmin: false, requestId: `kill-${i}` }, "wallet.withdraw", {
          idempotencyKey: randomBytes(8).toString("hex"), amount: toNano("1") + BigInt(randomInt(1000)), destination: new Address(0, randomBytes(32)).toString({ bounceable: false, testOnly: true }),
        });
        requested.push(value.id);
      }
    };

    await request(40);
    for (let kill = 0; kill < 6; kill++) {
      const w = startWorker();
      await w.listening;
      await new Promise((r) => setTimeout(r, randomInt(100, 1500)));
      w.child.kill("SIGKILL");
      await w.exited;
      await request(15); // new work arrives while it is down
    }
    const last = startWorker();
    await last.listening;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const credited = await db.prisma.deposit.count({ where: { status: "CREDITED" } });
      const confirmed = await db.prisma.withdrawal.count({ where: { status: "CONFIRMED" } });
      if (credited === 300 && confirmed === requested.length) break;
      if (Date.now() > deadline) throw new Error(`after 60 s: ${credited}/300 deposits credited, ${confirmed}/${requested.length} withdrawals confirmed`);
      await new Promise((r) => setTimeout(r, 200));
    }
    last.child.kill("SIGTERM");
    await last.exited;

    // Deposits: each user's three, once each.
    for (const id of users) expect(await db.prisma.ledgerMovement.count({ where: { kind: "DEPOSIT", entries: { some: { userId: id } }, reference: { startsWith: "deposit:" } } })).toBe(3);
    // Withdrawals: every one in exactly one message of the platform wallet, with its amount.
    const sent = new Map<string, number>();
    for (const t of chain.chain.transactions(wallet.address, { limit: 100_000 })) {
      for (const m of t.tx.outMessages.values()) {
        const comment = m.info.type === "internal" ? textComment(m.body).text : null;
        const id = comment && /^Withdrawal #(\d+) /.exec(comment)?.[1];
        if (id) sent.set(id, (sent.get(id) ?? 0) + 1);
      }
    }
    expect(sent.size).toBe(requested.length);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    const rows = await db.prisma.withdrawal.findMany();
    for (const w of rows) expect(await chain.chain.blockchain.getContract(Address.parse(w.destination)).then((c) => c.balance)).toBe(w.amount);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  }, 180_000);
});
