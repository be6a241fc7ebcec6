// Development and tests: init data for the dev user signed with the dev bot token, so the Mini App runs
// outside Telegram while the server's real validation runs. Never in production.
import { sign } from "@tma.js/init-data-node";
import { DEV_USER, type TelegramProfile } from "@gm/core";
import { getRuntime } from "./runtime";

export function signInitData(botToken: string, user: TelegramProfile, authDate = new Date()): string {
  return sign(
    {
      user: {
        id: Number(user.id),
        first_name: user.firstName,
        ...(user.lastName ? { last_name: user.lastName } : {}),
        ...(user.username ? { username: user.username } : {}),
        ...(user.languageCode ? { language_code: user.languageCode } : {}),
        ...(user.isPremium ? { is_premium: true } : {}),
      },
    },
    botToken,
    authDate,
  );
}

export function devInitData(): string | null {
  const rt = getRuntime();
  if (!rt.config.devTelegramMock) return null;
  return signInitData(rt.config.botToken, DEV_USER);
}
