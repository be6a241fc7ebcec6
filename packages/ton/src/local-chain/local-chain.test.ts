// The real TonClient against the local chain: balances, get-methods, a wallet's signed transfer through
// sendBoc, and an account's transactions paged by (lt, hash) like toncenter serves them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address, beginCell, internal, SendMode, toNano } from "@ton/core";
import { mnemonicNew, mnemonicToPrivateKey, type KeyPair } from "@ton/crypto";
import { TonClient, WalletContractV5R1 } from "@ton/ton";
import { LocalChain, serveLocalChain, type LocalChainServer } from "./index";

let server: LocalChainServer;
let client: TonClient;
let keys: KeyPair;
let wallet: WalletContractV5R1;

beforeAll(async () => {
  server = await serveLocalChain(await LocalChain.create());
  client = new TonClient({ endpoint: server.endpoint });
  keys = await mnemonicToPrivateKey(await mnemonicNew());
  wallet = WalletContractV5R1.create({ workchain: 0, publicKey: keys.publicKey });
});
afterAll(async () => {
  await server?.close();
});

const commentOf = (body: import("@ton/core").Cell) => {
  const s = body.beginParse();
  return s.remainingBits >= 32 && s.loadUint(32) === 0 ? s.loadStringTail() : null;
};

describe("the local chain, through TonClient", () => {
  it("credits a faucet transfer with its comment, and reports the balance and the transaction", async () => {
    await server.chain.faucet(wallet.address, toNano("25"), "gm-MEMO1");
    expect(await client.getBalance(wallet.address)).toBe(toNano("25"));
    const [tx] = await client.getTransactions(wallet.address, { limit: 1 });
    expect(tx).toBeDefined();
    const inMsg = tx!.inMessage!;
    expect(inMsg.info.type).toBe("internal");
    if (inMsg.info.type === "internal") {
      expect(inMsg.info.value.coins).toBe(toNano("25"));
      expect(inMsg.info.src.equals(await server.chain.faucetAddress)).toBe(true);
    }
    expect(commentOf(inMsg.body)).toBe("gm-MEMO1");
  });

  it("runs a wallet's get-method and sends its signed transfer (deploying it), which the recipient receives", async () => {
    const opened = client.open(wallet);
    expect(await opened.getSeqno()).toBe(0);
    const recipient = new Address(0, Buffer.alloc(32, 7));
    await opened.sendTransfer({
      seqno: 0,
      secretKey: keys.secretKey,
      // The sender pays the forwarding fees: the recipient gets exactly the amount.
      sendMode: SendMode.PAY_GAS_SEPARATELY + SendMode.IGNORE_ERRORS,
      messages: [internal({ to: recipient, value: toNano("1.5"), bounce: false, body: beginCell().storeUint(0, 32).storeStringTail("withdrawal 1").endCell() })],
    });
    expect(await opened.getSeqno()).toBe(1);
    expect((await client.getContractState(wallet.address)).state).toBe("active");
    const [received] = await client.getTransactions(recipient, { limit: 1 });
    expect(received?.inMessage?.info.type === "internal" && received.inMessage.info.value.coins).toBe(toNano("1.5"));
    expect(commentOf(received!.inMessage!.body)).toBe("withdrawal 1");
  });

  it("pages an account's transactions newest first from a (lt, hash) cursor, without repeats", async () => {
    const target = new Address(0, Buffer.alloc(32, 9));
    for (let i = 0; i < 7; i++) await server.chain.faucet(target, toNano("0.1") + BigInt(i), `gm-PAGE${i}`);
    const seen: string[] = [];
    let cursor: { lt: string; hash: string } | undefined;
    for (;;) {
      const page = await client.getTransactions(target, { limit: 3, ...(cursor ? { lt: cursor.lt, hash: cursor.hash } : {}) });
      if (page.length === 0) break;
      for (const tx of page) seen.push(commentOf(tx.inMessage!.body)!);
      const last = page.at(-1)!;
      cursor = { lt: last.lt.toString(), hash: last.hash().toString("base64") };
      if (page.length < 3) break;
    }
    expect(seen).toEqual(["gm-PAGE6", "gm-PAGE5", "gm-PAGE4", "gm-PAGE3", "gm-PAGE2", "gm-PAGE1", "gm-PAGE0"]);
  });

  it("funds an account from genesis, without a transaction a deposit poller could see, and it can spend it", async () => {
    const k = await mnemonicToPrivateKey(await mnemonicNew());
    const hot = WalletContractV5R1.create({ workchain: 0, publicKey: k.publicKey });
    await server.chain.fund(hot.address, toNano("1000"));
    expect(await client.getBalance(hot.address)).toBe(toNano("1000"));
    expect(await client.getTransactions(hot.address, { limit: 10 })).toEqual([]);
    const to = new Address(0, Buffer.alloc(32, 3));
    const body = hot.createTransfer({ seqno: 0, secretKey: k.secretKey, sendMode: SendMode.PAY_GAS_SEPARATELY, messages: [internal({ to, value: toNano("7"), bounce: false })] });
    await client.sendExternalMessage(hot, body);
    expect(await client.getBalance(to)).toBe(toNano("7"));
  });

  it("refuses what it does not serve with a clear error", async () => {
    const res = await fetch(server.endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: 1, method: "getBlockHeader", params: {} }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringContaining("not served") });
  });
});
