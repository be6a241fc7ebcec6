// TON Connect's ton_proof, checked on the server (docs/api.md, `auth.connectWallet`): the payload was
// issued here, to this user, and has not expired; the timestamp is fresh; the domain is ours; the
// address is the one the state init deploys to; the public key is the one in the state init (a wallet
// contract we know); and the Ed25519 signature over the `ton-proof-item-v2` message verifies.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { Address, Cell, contractAddress, loadStateInit, type StateInit } from "@ton/core";
import { signVerify } from "@ton/crypto";
import { WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from "@ton/ton";
import { AppError } from "../common/errors";
import type { RefusalReason } from "../common/refusals";

export interface TonProofConfig {
  /** Signs and checks payloads (derived from a server secret). */
  secret: string;
  /** Host names (with port when not 443) the proof's domain may carry. */
  domains: readonly string[];
  /** "-239" mainnet, "-3" testnet. */
  network: "-239" | "-3";
  /** How long a payload stays usable, and how old a proof's timestamp may be. */
  maxAgeSeconds: number;
}

export interface TonProofInput {
  address: string;
  network: string;
  publicKey?: string;
  proof: {
    timestamp: number;
    domain: { lengthBytes: number; value: string };
    signature: string;
    payload: string;
    stateInit: string;
  };
}

const refuse = (message: string, reason: RefusalReason) => new AppError("BAD_REQUEST", message, reason);

// ---- payloads: random, bound to the user, with an expiry, signed; nothing stored until used ---------

const mac = (secret: string, body: Buffer) => createHmac("sha256", secret).update(body).digest().subarray(0, 16);

/** A payload for `userId`, valid for `maxAgeSeconds`: 16 random bytes, the expiry, the user, an HMAC. */
export function issuePayload(config: TonProofConfig, userId: bigint, now: Date): { payload: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + config.maxAgeSeconds * 1000);
  const body = Buffer.alloc(32);
  randomBytes(16).copy(body, 0);
  body.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), 16);
  body.writeBigUInt64BE(BigInt.asUintN(64, userId), 20);
  const payload = Buffer.concat([body.subarray(0, 28), mac(config.secret, body.subarray(0, 28))]);
  return { payload: payload.toString("hex"), expiresAt };
}

/** Throws unless `payload` was issued here to `userId` and has not expired. */
export function checkPayload(config: TonProofConfig, payload: string, userId: bigint, now: Date): void {
  const raw = /^[0-9a-f]{88}$/.test(payload) ? Buffer.from(payload, "hex") : null;
  const body = raw?.subarray(0, 28);
  if (!raw || !body || !timingSafeEqual(raw.subarray(28), mac(config.secret, body))) {
    throw refuse("This wallet connection was not started here. Try connecting again.", "TON_PROOF_PAYLOAD_UNKNOWN");
  }
  if (body.readBigUInt64BE(20) !== BigInt.asUintN(64, userId)) {
    throw refuse("This wallet connection was started by another account. Try connecting again.", "TON_PROOF_PAYLOAD_UNKNOWN");
  }
  if (body.readUInt32BE(16) * 1000 < now.getTime()) {
    throw refuse("This wallet connection took too long and expired. Try connecting again.", "TON_PROOF_EXPIRED");
  }
}

export const payloadHash = (payload: string) => createHash("sha256").update(payload).digest("hex");

// ---- the wallet's public key, from a state init of a wallet contract we know -------------------------

const ZERO_KEY = Buffer.alloc(32);
const KNOWN_WALLETS: { name: string; code: Cell; publicKey(data: Cell): Buffer }[] = [
  {
    name: "v3r2",
    code: WalletContractV3R2.create({ workchain: 0, publicKey: ZERO_KEY }).init.code,
    publicKey: (data) => data.beginParse().skip(64).loadBuffer(32), // seqno:32 subwallet:32 key:256
  },
  {
    name: "v4r2",
    code: WalletContractV4.create({ workchain: 0, publicKey: ZERO_KEY }).init.code,
    publicKey: (data) => data.beginParse().skip(64).loadBuffer(32), // seqno:32 subwallet:32 key:256 plugins
  },
  {
    name: "v5r1",
    code: WalletContractV5R1.create({ workchain: 0, publicKey: ZERO_KEY }).init.code,
    publicKey: (data) => data.beginParse().skip(1 + 32 + 32).loadBuffer(32), // sig_allowed:1 seqno:32 wallet_id:32 key:256
  },
];

function publicKeyOf(init: StateInit): Buffer | null {
  if (!init.code || !init.data) return null;
  const wallet = KNOWN_WALLETS.find((w) => w.code.hash().equals(init.code!.hash()));
  if (!wallet) return null;
  try {
    return wallet.publicKey(init.data);
  } catch {
    return null;
  }
}

// ---- the proof ---------------------------------------------------------------------------------------

/** `ton-proof-item-v2/` ‖ workchain (int32 BE) ‖ hash ‖ domain length (uint32 LE) ‖ domain ‖ timestamp (uint64 LE) ‖ payload */
function signedMessage(address: Address, domain: string, timestamp: number, payload: string): Buffer {
  const wc = Buffer.alloc(4);
  wc.writeInt32BE(address.workChain);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(Buffer.byteLength(domain));
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64LE(BigInt(timestamp));
  const message = Buffer.concat([Buffer.from("ton-proof-item-v2/"), wc, address.hash, len, Buffer.from(domain), ts, Buffer.from(payload)]);
  const messageHash = createHash("sha256").update(message).digest();
  return createHash("sha256")
    .update(Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.from("ton-connect"), messageHash]))
    .digest();
}

/**
 * The proven wallet address (raw form `0:…`), or a refusal saying which check failed. The payload's
 * single use is the caller's (it is stored in the same transaction as the address).
 */
export function verifyTonProof(config: TonProofConfig, input: TonProofInput, userId: bigint, now: Date): Address {
  const { proof } = input;
  checkPayload(config, proof.payload, userId, now);
  if (input.network !== config.network) {
    throw refuse(`Connect a wallet on TON ${config.network === "-239" ? "mainnet" : "testnet"}: this one is on another network.`, "TON_PROOF_NETWORK");
  }
  const ageSeconds = now.getTime() / 1000 - proof.timestamp;
  if (ageSeconds > config.maxAgeSeconds || ageSeconds < -60) {
    throw refuse("The wallet's proof is too old (or from the future). Check your device's clock and connect again.", "TON_PROOF_EXPIRED");
  }
  if (Buffer.byteLength(proof.domain.value) !== proof.domain.lengthBytes || !config.domains.includes(proof.domain.value.toLowerCase())) {
    throw refuse("The wallet signed for another site. Connect from Gift Market itself.", "TON_PROOF_DOMAIN");
  }
  let address: Address;
  let init: StateInit;
  try {
    address = Address.parseRaw(input.address);
    init = loadStateInit(Cell.fromBase64(proof.stateInit).beginParse());
  } catch {
    throw refuse("The wallet's address or state could not be read.", "TON_PROOF_ADDRESS_MISMATCH");
  }
  if (!contractAddress(address.workChain, init).equals(address)) {
    throw refuse("The wallet's address does not match its contract.", "TON_PROOF_ADDRESS_MISMATCH");
  }
  const publicKey = publicKeyOf(init);
  if (!publicKey) throw refuse("This wallet type is not supported yet: use a standard wallet (v3, v4 or W5).", "TON_PROOF_UNSUPPORTED_WALLET");
  if (input.publicKey !== undefined && input.publicKey.toLowerCase() !== publicKey.toString("hex")) {
    throw refuse("The wallet's public key does not match its contract.", "TON_PROOF_ADDRESS_MISMATCH");
  }
  let signature: Buffer;
  try {
    signature = Buffer.from(proof.signature, "base64");
  } catch {
    signature = Buffer.alloc(0);
  }
  if (signature.length !== 64 || !signVerify(signedMessage(address, proof.domain.value, proof.timestamp, proof.payload), signature, publicKey)) {
    throw refuse("The wallet's signature could not be verified. Try connecting again.", "TON_PROOF_INVALID_SIGNATURE");
  }
  return address;
}

/** For tests and tools: the message a wallet signs, exactly as verifyTonProof rebuilds it. */
export const tonProofSignedMessage = signedMessage;
