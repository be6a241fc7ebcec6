// wallet.balance: the signed-in user's available and held funds.
import { z } from "zod";
import { notFound } from "../common/errors";
import { query } from "../common/use-case";
import { userRepository } from "../users/user-repository";
import { balanceOutput } from "./schemas";

export const getBalance = query({
  input: z.void(),
  output: balanceOutput,
  async run({ db, actor }) {
    const balance = await userRepository.balanceOf(db, actor.userId);
    if (!balance) throw notFound("The user");
    return balance;
  },
});
