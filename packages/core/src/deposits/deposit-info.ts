// wallet.depositInfo: where and how to send TON so it is credited to the caller — the platform wallet's
// address, the caller's memo (the text comment), the minimum, and the network.
import { z } from "zod";
import { notFound } from "../common/errors";
import { query } from "../common/use-case";
import { depositRepository } from "./deposit-repository";

export const depositInfoOutput = z.object({
  address: z.string(),
  memo: z.string(),
  minDeposit: z.bigint(),
  network: z.enum(["mainnet", "testnet"]),
});

export const depositInfo = query({
  input: z.void(),
  output: depositInfoOutput,
  async run({ db, actor, config }) {
    if (!config.ton) throw new Error("TON is not configured (CoreConfig.ton)");
    const [address, memo, minDeposit] = await Promise.all([config.ton.depositAddress(), depositRepository.memoOf(db, actor.userId), depositRepository.minDeposit(db)]);
    if (memo === null) throw notFound("The user");
    return { address, memo, minDeposit, network: config.ton.network };
  },
});
