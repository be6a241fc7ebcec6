import { connectWallet, disconnectWallet, getMe, tonProofPayload } from "@gm/core";
import { router, userMutation, userQuery } from "../procedures";

export const authRouter = router({
  me: userQuery(getMe),
  tonProofPayload: userQuery(tonProofPayload),
  connectWallet: userMutation(connectWallet),
  disconnectWallet: userMutation(disconnectWallet),
});
