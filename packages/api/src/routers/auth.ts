import { getMe } from "@gm/core";
import { router, userQuery } from "../procedures";

export const authRouter = router({
  me: userQuery(getMe),
});
