// The worker's ton-deposits task, run as the task manager runs it, against the local chain and real
// PostgreSQL: a faucet deposit with a user's memo lands in their balance and history once, whatever the
// number of runs; the platform wallet is the dev wallet the API shows in wallet.depositInfo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toNano } from "@ton/core";
import { checkLedger } from "@gm/core";
import { createTestDatabase, type TestDatabase } from "@gm/db/testing";
import { memoryBackends } from "@gm/redis";
import { createLogger } from "@gm/observability/logger";
import { createTonGateway, DEV_WALLET_MNEMONIC, LocalChain, platformWallet, serveLocalChain, type LocalChainServer } from "@gm/ton";
import { tonDepositsTask } from "./ton-deposits";

const logger = createLogger("worker-test", "silent");
let db: TestDatabase;
let chain: LocalChainServer;
beforeAll(async () => {
  db = await createTestDatabase();
  chain = await serveLocalChain(await LocalChain.create());
});
afterAll(async () => {
  await chain?.close();
  await db?.drop();
});

describe("the ton-deposits task", () => {
  it("credits a deposit with the user's memo to their balance once, however often it runs", async () => {
    const user = await db.prisma.user.create({ data: { id: 77_000_001n, firstName: "Depositor", depositMemo: "gm-DEPOSITOR01" } });
    const wallet = await platformWallet(DEV_WALLET_MNEMONIC.split(" "));
    const task = tonDepositsTask({ core: { database: db, cache: memoryBackends().cache, logger }, gateway: createTonGateway({ endpoint: chain.endpoint }), wallet: wallet.address, logger });
    const signal = new AbortController().signal;
    await chain.chain.faucet(wallet.address, toNano("12.5"), "gm-DEPOSITOR01");
    await task(signal);
    await task(signal);
    await chain.chain.faucet(wallet.address, toNano("0.5"), "  gm-DEPOSITOR01 "); // spaces around the memo still match
    await task(signal);
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.available).toBe(toNano("13"));
    const entries = await db.prisma.ledgerEntry.findMany({ where: { userId: user.id }, include: { movement: true } });
    expect(entries.map((e) => [e.movement.kind, e.amount])).toEqual([
      ["DEPOSIT", toNano("12.5")],
      ["DEPOSIT", toNano("0.5")],
    ]);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });
});
