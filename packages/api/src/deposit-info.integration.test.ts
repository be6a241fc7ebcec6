// wallet.depositInfo over HTTP: where the caller sends TON and with which comment, so the worker credits it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address } from "@ton/core";
import { createUser } from "@gm/core/testing";
import { DEV_WALLET_MNEMONIC, platformWallet } from "@gm/ton";
import { startHarness, telegramUser, type Harness } from "./testing/harness";

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
