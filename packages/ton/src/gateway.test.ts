// The gateway against the local chain, through the real TonClient: a wallet's history paged from a
// cursor, what each kind of incoming transaction means for deposits, and the breaker failing fast while
// the TON API is down (sends are never retried).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address, beginCell, external, internal, SendMode, storeMessage, toNano } from "@ton/core";
import { mnemonicNew, mnemonicToPrivateKey, type KeyPair } from "@ton/crypto";
import { WalletContractV5R1 } from "@ton/ton";
import { createTonGateway, type BreakerState } from "./gateway";
import { LocalChain, serveFlakyProxy, serveLocalChain, type FlakyProxy, type LocalChainServer } from "./local-chain";

let chain: LocalChainServer;
let keys: KeyPair;
let platform: WalletContractV5R1;
beforeAll(async () => {
  chain = await serveLocalChain(await LocalChain.create());
  keys = await mnemonicToPrivateKey(await mnemonicNew());
  platform = WalletContractV5R1.create({ workchain: 0, publicKey: keys.publicKey });
  await chain.chain.faucet(platform.address, toNano("100"), "initial funding");
});
afterAll(async () => {
  await chain?.close();
});

/** The platform wallet sends `messages` (deploying itself on its first send). */
async function platformSends(gateway: ReturnType<typeof createTonGateway>, messages: ReturnType<typeof internal>[]) {
  const seqno = (await gateway.isDeployed(platform.address)) ? Number(await gateway.getNumber(platform.address, "seqno")) : 0;
  const body = platform.createTransfer({ seqno, secretKey: keys.secretKey, messages, sendMode: SendMode.PAY_GAS_SEPARATELY + SendMode.IGNORE_ERRORS });
  const msg = external({ to: platform.address, init: seqno === 0 ? platform.init : undefined, body });
  await gateway.sendExternal(beginCell().store(storeMessage(msg)).endCell());
}

describe("the TON gateway", () => {
  it("returns every transaction after a cursor, oldest first, paging through the history", async () => {
    const gateway = createTonGateway({ endpoint: chain.endpoint });
    const start = await gateway.transactionsSince(platform.address, null);
    const cursor = { lt: start.at(-1)!.lt, hash: start.at(-1)!.hash };
    for (let i = 0; i < 23; i++) await chain.chain.faucet(platform.address, toNano("1") + BigInt(i), `gm-DEP${i}`);
    const since = await gateway.transactionsSince(platform.address, cursor, { pageSize: 5 });
    expect(since.map((t) => t.comment)).toEqual(Array.from({ length: 23 }, (_, i) => `gm-DEP${i}`));
    expect(since.map((t) => t.value)).toEqual(Array.from({ length: 23 }, (_, i) => toNano("1") + BigInt(i)));
    expect(new Set(since.map((t) => t.hash)).size).toBe(23);
    // Nothing new: nothing returned.
    const last = since.at(-1)!;
    expect(await gateway.transactionsSince(platform.address, { lt: last.lt, hash: last.hash })).toEqual([]);
    // The transaction itself, by id.
    expect((await gateway.transaction(platform.address, last.lt, last.hash))?.lt).toBe(last.lt);
  });

  it("tells a clean text transfer from everything that must never be credited", async () => {
    const gateway = createTonGateway({ endpoint: chain.endpoint });
    const before = await gateway.transactionsSince(platform.address, null);
    const cursor = { lt: before.at(-1)!.lt, hash: before.at(-1)!.hash };
    await chain.chain.faucet(platform.address, toNano("2"), "gm-CLEAN");
    await chain.chain.faucet(platform.address, toNano("2")); // no comment at all
    await chain.chain.faucet(platform.address, toNano("2"), beginCell().storeUint(0x7362d09c, 32).storeUint(0, 64).storeCoins(1000n).endCell()); // a jetton notification
    // Our own transfer to an address with no contract, bounceable: it comes back bounced.
    const nowhere = new Address(0, Buffer.alloc(32, 0xab));
    await platformSends(gateway, [internal({ to: nowhere, value: toNano("1"), bounce: true })]);
    const txs = await gateway.transactionsSince(platform.address, cursor);
    expect(txs.map((t) => [t.comment, t.ignored])).toEqual([
      ["gm-CLEAN", null],
      [null, "NO_COMMENT"],
      [null, "NOT_A_TEXT_TRANSFER"],
      [null, "NOT_INCOMING"], // our external transfer
      [null, "BOUNCED"], // the bounce of it
    ]);
    // An account that cannot take a bounceable transfer (no contract) sends the value back.
    const [atNowhere] = await gateway.transactionsSince(nowhere, null);
    expect(atNowhere?.ignored).toBe("SENT_BACK");
  });
});

describe("the TON gateway when the TON API fails", () => {
  let proxy: FlakyProxy;
  beforeAll(async () => {
    proxy = await serveFlakyProxy(chain.endpoint);
  });
  afterAll(async () => {
    await proxy.close();
  });

  it("opens the breaker after consecutive failures, fails fast while open, and closes once the API answers", async () => {
    const states: BreakerState[] = [];
    const gateway = createTonGateway({ endpoint: proxy.endpoint, breakerFailures: 3, breakerOpenMs: 300, retries: 0, timeoutMs: 2_000, onBreakerChange: (s) => states.push(s) });
    expect(await gateway.balance(platform.address)).toBeGreaterThan(0n);
    proxy.failing = true;
    for (let i = 0; i < 3; i++) await expect(gateway.balance(platform.address)).rejects.toThrow();
    expect(gateway.breakerState()).toBe("open");
    const sent = proxy.requests;
    await expect(gateway.balance(platform.address)).rejects.toThrow(/circuit|open|broken/i);
    expect(proxy.requests).toBe(sent); // failed fast: no request reached the API
    proxy.failing = false;
    await new Promise((r) => setTimeout(r, 350));
    expect(await gateway.balance(platform.address)).toBeGreaterThan(0n); // half-open: one trial, it succeeds
    expect(gateway.breakerState()).toBe("closed");
    expect(states).toEqual(["open", "half-open", "closed"]);
  });

  it("retries reads with backoff, but never a send", async () => {
    const gateway = createTonGateway({ endpoint: proxy.endpoint, retries: 2, breakerFailures: 50 });
    proxy.failing = true;
    let before = proxy.requests;
    await expect(gateway.balance(platform.address)).rejects.toThrow();
    expect(proxy.requests - before).toBe(3); // the call and two retries
    before = proxy.requests;
    await expect(gateway.sendExternal(beginCell().storeUint(1, 8).endCell())).rejects.toThrow();
    expect(proxy.requests - before).toBe(1); // an unknown outcome is looked up on chain, never re-sent blindly
    proxy.failing = false;
  });
});
