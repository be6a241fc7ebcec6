import { z } from "zod";
import { router, userProcedure } from "../procedures";

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

export const authRouter = router({
  me: userProcedure.output(meOutput).query(({ ctx }) => ({ ...ctx.user, isAdmin: ctx.isAdmin })),
});
