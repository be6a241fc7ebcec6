// auth.tonProofPayload, auth.connectWallet, auth.disconnectWallet: a wallet is the user's once it proved
// it (ton-proof.ts); the proof's payload is used once, in the same transaction that stores the address.
import { z } from "zod";
import { Address } from "@ton/core";
import { AppError, conflict } from "../common/errors";
import { command, query, type Services } from "../common/use-case";
import { issuePayload, payloadHash, verifyTonProof, type TonProofConfig } from "./ton-proof";
import { tonConnectRepository } from "./ton-connect-repository";
import { connectWalletInput, payloadOutput, walletOutput } from "./schemas";

function configOf(config: Services["config"]): TonProofConfig {
  if (!config.tonProof) throw new Error("TON Connect is not configured (CoreConfig.tonProof)");
  return config.tonProof;
}

/** The friendly form wallets show: non-bounceable, test-only on testnet. */
const friendly = (address: Address, network: TonProofConfig["network"]) => address.toString({ bounceable: false, testOnly: network === "-3" });

export const tonProofPayload = query({
  input: z.void(),
  output: payloadOutput,
  async run({ actor, config, now }) {
    return issuePayload(configOf(config), actor.userId, now());
  },
});

export const connectWallet = command({
  input: connectWalletInput,
  output: walletOutput,
  rateLimit: { points: 20, windowSeconds: 60 },
  async run({ uow, actor, config, now }, input) {
    const settings = configOf(config);
    const address = verifyTonProof(settings, input, actor.userId, now());
    const raw = address.toRawString();
    if (!(await tonConnectRepository.usePayload(uow.tx, payloadHash(input.proof.payload), actor.userId))) {
      throw new AppError("BAD_REQUEST", "This wallet connection was already used. Try connecting again.", "TON_PROOF_PAYLOAD_USED");
    }
    const taken = () => conflict("This wallet is connected to another Gift Market account. Disconnect it there first.", "WALLET_TAKEN");
    if ((await tonConnectRepository.ownerOf(uow.tx, raw, actor.userId)) !== null) throw taken();
    const verifiedAt = await tonConnectRepository.setWallet(uow.tx, actor.userId, raw);
    if (verifiedAt === "taken") throw taken();
    uow.commit();
    return { address: friendly(address, settings.network), verifiedAt };
  },
});

export const disconnectWallet = command({
  input: z.void(),
  output: walletOutput,
  async run({ uow, actor }) {
    await tonConnectRepository.setWallet(uow.tx, actor.userId, null);
    uow.commit(); // idempotent: disconnecting without a wallet is not an error
    return { address: null, verifiedAt: null };
  },
});

/** Used payloads only need to outlive their expiry (at most an hour): the worker forgets older ones. */
export const PAYLOAD_USE_RETENTION_MS = 24 * 60 * 60 * 1000;
export const deleteExpiredPayloadUses = (db: Parameters<typeof tonConnectRepository.deleteUsesBefore>[0], olderThanMs = PAYLOAD_USE_RETENTION_MS) =>
  tonConnectRepository.deleteUsesBefore(db, olderThanMs);
