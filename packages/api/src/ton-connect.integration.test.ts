// TON Connect over HTTP: a wallet proves itself with ton_proof (a real V4 / W5 state init, signed with a
// real Ed25519 key) and becomes the user's; every forged, replayed, stale or misdirected proof is
// refused with its reason and changes nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginCell, storeStateInit, type Address, type StateInit } from "@ton/core";
import { keyPairFromSeed, sign, type KeyPair } from "@ton/crypto";
import { WalletContractV4, WalletContractV5R1 } from "@ton/ton";
import { deleteExpiredPayloadUses, tonProofSignedMessage } from "@gm/core";
import { createUser } from "@gm/core/testing";
import { failure, startHarness, telegramUser, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const DOMAIN = "localhost:3000"; // allowed outside production
const TESTNET = "-3";

interface Wallet {
  keys: KeyPair;
  address: Address;
  init: StateInit;
}
const newWallet = (kind: "v4" | "w5" = "v4"): Wallet => {
  const keys = keyPairFromSeed(randomBytes(32));
  const contract = kind === "v4" ? WalletContractV4.create({ workchain: 0, publicKey: keys.publicKey }) : WalletContractV5R1.create({ workchain: 0, publicKey: keys.publicKey });
  return { keys, address: contract.address, init: contract.init };
};

/** What a wallet sends back for `payload`, signed by `signer` (its own key unless forging). */
function proofOf(wallet: Wallet, payload: string, opts: { domain?: string; timestamp?: number; signer?: KeyPair; address?: Address; network?: string } = {}) {
  const domain = opts.domain ?? DOMAIN;
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const address = opts.address ?? wallet.address;
  const signature = sign(tonProofSignedMessage(address, domain, timestamp, payload), (opts.signer ?? wallet.keys).secretKey);
  return {
    address: address.toRawString(),
    network: (opts.network ?? TESTNET) as "-3",
    publicKey: wallet.keys.publicKey.toString("hex"),
    proof: {
      timestamp,
      domain: { lengthBytes: Buffer.byteLength(domain), value: domain },
      signature: signature.toString("base64"),
      payload,
      stateInit: beginCell().store(storeStateInit(wallet.init)).endCell().toBoc().toString("base64"),
    },
  };
}

async function signedInUser() {
  const user = await createUser(h.db.prisma);
  return { user, api: h.client(telegramUser({ id: user.id })) };
}

const storedAddress = async (id: bigint) => (await h.db.prisma.user.findUniqueOrThrow({ where: { id } })).tonAddress;

describe("TON Connect", () => {
  it.each(["v4", "w5"] as const)("connects a %s wallet that proves itself, shows it in auth.me, and disconnects it", async (kind) => {
    const { user, api } = await signedInUser();
    const wallet = newWallet(kind);
    const { payload, expiresAt } = await api.auth.tonProofPayload.query();
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const connected = await api.auth.connectWallet.mutate(proofOf(wallet, payload));
    expect(connected.address).toBe(wallet.address.toString({ bounceable: false, testOnly: true }));
    expect(connected.verifiedAt).toBeInstanceOf(Date);
    expect(await storedAddress(user.id)).toBe(wallet.address.toRawString());
    expect((await api.auth.me.query()).tonAddress).toBe(wallet.address.toRawString());

    expect(await api.auth.disconnectWallet.mutate()).toEqual({ address: null, verifiedAt: null });
    expect(await storedAddress(user.id)).toBeNull();
  });

  const refusals: [string, (w: Wallet, payload: string) => ReturnType<typeof proofOf>, string][] = [
    ["a forged signature", (w, p) => proofOf(w, p, { signer: keyPairFromSeed(randomBytes(32)) }), "TON_PROOF_INVALID_SIGNATURE"],
    ["an expired timestamp", (w, p) => proofOf(w, p, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), "TON_PROOF_EXPIRED"],
    ["a timestamp from the future", (w, p) => proofOf(w, p, { timestamp: Math.floor(Date.now() / 1000) + 3600 }), "TON_PROOF_EXPIRED"],
    ["another site's domain", (w, p) => proofOf(w, p, { domain: "evil.example" }), "TON_PROOF_DOMAIN"],
    ["an address the state init does not deploy to", (w, p) => proofOf(w, p, { address: newWallet().address }), "TON_PROOF_ADDRESS_MISMATCH"],
    ["a wallet on the other network", (w, p) => proofOf(w, p, { network: "-239" }), "TON_PROOF_NETWORK"],
    ["a payload not issued here", (w) => proofOf(w, randomBytes(44).toString("hex")), "TON_PROOF_PAYLOAD_UNKNOWN"],
  ];
  it.each(refusals)("refuses %s with a clear reason and changes nothing", async (_what, make, reason) => {
    const { user, api } = await signedInUser();
    const { payload } = await api.auth.tonProofPayload.query();
    const error = await failure(api.auth.connectWallet.mutate(make(newWallet(), payload)));
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.reason).toBe(reason);
    expect(error.message).not.toMatch(/internal|stack|undefined/i);
    expect(await storedAddress(user.id)).toBeNull();
  });

  it("refuses a replayed payload, even for the same wallet", async () => {
    const { api } = await signedInUser();
    const wallet = newWallet();
    const { payload } = await api.auth.tonProofPayload.query();
    await api.auth.connectWallet.mutate(proofOf(wallet, payload));
    await api.auth.disconnectWallet.mutate();
    const error = await failure(api.auth.connectWallet.mutate(proofOf(wallet, payload)));
    expect(error.data?.reason).toBe("TON_PROOF_PAYLOAD_USED");
  });

  it("refuses a payload issued to another user", async () => {
    const alice = await signedInUser();
    const bob = await signedInUser();
    const { payload } = await alice.api.auth.tonProofPayload.query();
    const error = await failure(bob.api.auth.connectWallet.mutate(proofOf(newWallet(), payload)));
    expect(error.data?.reason).toBe("TON_PROOF_PAYLOAD_UNKNOWN");
    expect(await storedAddress(bob.user.id)).toBeNull();
  });

  it("gives one wallet to one account: a second account proving it is refused", async () => {
    const wallet = newWallet();
    const first = await signedInUser();
    await first.api.auth.connectWallet.mutate(proofOf(wallet, (await first.api.auth.tonProofPayload.query()).payload));
    const second = await signedInUser();
    const error = await failure(second.api.auth.connectWallet.mutate(proofOf(wallet, (await second.api.auth.tonProofPayload.query()).payload)));
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.data?.reason).toBe("WALLET_TAKEN");
    expect(await storedAddress(second.user.id)).toBeNull();
    expect(await storedAddress(first.user.id)).toBe(wallet.address.toRawString());
  });

  it("refuses malformed proofs at the schema, before any check runs", async () => {
    const { api } = await signedInUser();
    const error = await failure(api.auth.connectWallet.mutate({ ...proofOf(newWallet(), "x"), address: "EQ-not-raw" }));
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.reason).toBe("INVALID_INPUT");
  });

  it("forgets used payloads only after their retention, when they could not be replayed anyway", async () => {
    const { user, api } = await signedInUser();
    await api.auth.connectWallet.mutate(proofOf(newWallet(), (await api.auth.tonProofPayload.query()).payload));
    await h.db.prisma.tonProofPayloadUse.create({ data: { payloadHash: `old-${user.id}`, userId: user.id, usedAt: new Date(Date.now() - 25 * 3_600_000) } });
    const mine = () => h.db.prisma.tonProofPayloadUse.count({ where: { userId: user.id } });
    expect(await mine()).toBe(2);
    expect(await deleteExpiredPayloadUses(h.db.prisma)).toBeGreaterThanOrEqual(1);
    expect(await mine()).toBe(1);
  });
});
