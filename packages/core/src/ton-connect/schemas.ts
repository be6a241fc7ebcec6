// TON Connect's wire shapes: what the wallet returns with `ton_proof` (TON Connect's `TonProofItemReply`
// and the account), bounded so nothing oversized reaches the checks.
import { z } from "zod";
import { text } from "../common/input";

export const payloadOutput = z.object({ payload: z.string(), expiresAt: z.date() });

export const connectWalletInput = z.strictObject({
  /** Raw form, `0:<64 hex>`. */
  address: z.string().regex(/^-?\d{1,3}:[0-9a-fA-F]{64}$/, { message: "Give the wallet address in raw form (0:…)." }),
  network: z.enum(["-239", "-3"], { message: "The network is -239 (mainnet) or -3 (testnet)." }),
  publicKey: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: "The public key is 64 hex characters." }).optional(),
  proof: z.strictObject({
    timestamp: z.number().int().min(0).max(2 ** 40),
    domain: z.strictObject({ lengthBytes: z.number().int().min(1).max(253), value: text("The domain", { max: 253 }) }),
    signature: z.string().max(200),
    payload: z.string().max(200),
    stateInit: z.string().max(20_000),
  }),
});

export const walletOutput = z.object({
  /** User-friendly (non-bounceable) form, as wallets show it; null when no wallet is connected. */
  address: z.string().nullable(),
  verifiedAt: z.date().nullable(),
});
