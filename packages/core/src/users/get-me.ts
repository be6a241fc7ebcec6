// auth.me: the signed-in user's profile, role and deposit memo.
import { z } from "zod";
import { notFound } from "../common/errors";
import { query } from "../common/use-case";
import { userRepository } from "./user-repository";

export const meOutput = z.object({
  id: z.bigint(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  username: z.string().nullable(),
  languageCode: z.string().nullable(),
  photoUrl: z.string().nullable(),
  isPremium: z.boolean(),
  isAdmin: z.boolean(),
  tonAddress: z.string().nullable(),
  depositMemo: z.string(),
});

export const getMe = query({
  input: z.void(),
  output: meOutput,
  async run({ db, actor }) {
    const user = await userRepository.findById(db, actor.userId);
    if (!user) throw notFound("The user");
    return { ...user, isAdmin: actor.isAdmin };
  },
});
