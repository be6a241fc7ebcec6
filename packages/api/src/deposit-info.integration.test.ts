// wallet.depositInfo over HTTP: where the caller sends TON and with which comment, so the worker credits it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address } from "@ton/core";
import { createUser } from "@gm/core/testing";
import { DEV_WALLET_MNEMONIC, LocalChain, platformWallet, serveLocalChain } from "@gm/ton";
import { failure, startHarness, telegramUser, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("wallet.depositInfo", () => {
  it("gives the platform wallet's address, the caller's memo, the minimum and the network", async () => {
    const user = await createUser(h.db.prisma);
    const info = await h.client(telegramUser({ id: user.id })).wallet.depositInfo.query();
    const dev = await platformWallet(DEV_WALLET_MNEMONIC.split(" "));
    expect(Address.parse(info.address).equals(dev.address)).toBe(true);
    expect(info.address).toBe(dev.address.toString({ bounceable: false, testOnly: true }));
    expect(info.memo).toBe((await h.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).depositMemo);
    expect(info).toMatchObject({ minDeposit: 100_000_000n, network: "testnet" });
  });

  it("shows the configured TON_WALLET_ADDRESS, never a derived one, when it is set", async () => {
    const configured = new Address(0, Buffer.alloc(32, 0x42));
    const other = await startHarness({ tonWalletAddress: configured.toString({ bounceable: false, testOnly: true }) });
    try {
      const user = await createUser(other.db.prisma);
      const info = await other.client(telegramUser({ id: user.id })).wallet.depositInfo.query();
      expect(Address.parse(info.address).equals(configured)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe("admin.devFaucet", () => {
  it("sends test TON from the local chain's faucet to the platform wallet with the admin's memo, audited", async () => {
    const chain = await serveLocalChain(await LocalChain.create());
    const local = await startHarness({}, { env: { TON_API_ENDPOINT: chain.endpoint } });
    try {
      const admin = await createUser(local.db.prisma, { role: "ADMIN" });
      const api = local.client(telegramUser({ id: admin.id }));
      const memo = (await local.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).depositMemo;
      expect(await api.admin.devFaucet.mutate({ amount: 3_000_000_000n })).toEqual({ amount: 3_000_000_000n, memo });
      await api.admin.devFaucet.mutate({ amount: 1_000_000_000n, memo: "gm-SOMEONE" });
      const dev = await platformWallet(DEV_WALLET_MNEMONIC.split(" "));
      const received = chain.chain.transactions(dev.address, { limit: 10 }).map((t) => t.tx.inMessage?.info.type === "internal" ? t.tx.inMessage.info.value.coins : null);
      expect(received).toEqual([1_000_000_000n, 3_000_000_000n]);
      expect(await local.db.prisma.auditLog.count({ where: { action: "ton.faucet", actorId: admin.id } })).toBe(2);
      const user = await createUser(local.db.prisma);
      expect((await failure(local.client(telegramUser({ id: user.id })).admin.devFaucet.mutate({ amount: 1n }))).data?.code).toBe("FORBIDDEN");
      expect((await failure(api.admin.devFaucet.mutate({ amount: 20_000n * 1_000_000_000n }))).data?.code).toBe("BAD_REQUEST");
    } finally {
      await local.close();
      await chain.close();
    }
  });

  it("is refused where there is no local chain", async () => {
    const admin = await createUser(h.db.prisma, { role: "ADMIN" });
    const e = await failure(h.client(telegramUser({ id: admin.id })).admin.devFaucet.mutate({ amount: 1_000_000_000n }));
    expect([e.data?.code, e.data?.reason]).toEqual(["BAD_REQUEST", "FAUCET_UNAVAILABLE"]);
  });
});
