// Telegram Mini App authentication: `Authorization: tma <initData>`, validated with the bot token and a
// maximum age; the user is created or refreshed from it; banned users are refused.
import { parse, validate } from "@tma.js/init-data-node";
import { AppError, authenticateUser, type AuthenticatedUser, type TelegramProfile } from "@gm/core";
import type { Runtime } from "../runtime";

const unauthorized = (message: string, reason: string) => new AppError("UNAUTHORIZED", message, reason);

// The Mini App sends the same init data with every call for up to an hour. A string that passed the
// signature check keeps passing it, so remember the verified profile until the string expires: each
// call then skips the HMAC and the parse (a measurable share of a read's CPU).
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { profile: TelegramProfile; expiresAt: number }>();

function remember(key: string, profile: TelegramProfile, expiresAt: number) {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!); // oldest first
  verified.set(key, { profile, expiresAt });
}

export async function authenticate(rt: Runtime, authorization: string | null): Promise<AuthenticatedUser> {
  const match = authorization ? /^tma\s+(.+)$/is.exec(authorization.trim()) : null;
  if (!match) throw unauthorized("Open Gift Market from Telegram to sign in (the request carries no Telegram init data).", "NO_INIT_DATA");
  const raw = match[1]!;
  // Keyed with the token and the age limit too: what one configuration verified proves nothing to another.
  const key = `${rt.config.botToken}|${rt.config.initDataMaxAgeSeconds}|${raw}`;
  const known = verified.get(key);
  if (known && known.expiresAt > Date.now()) return authenticateUser(rt.db.prisma, known.profile, rt.config.adminIds);
  try {
    validate(raw, rt.config.botToken, { expiresIn: rt.config.initDataMaxAgeSeconds });
  } catch (error) {
    const name = (error as Error)?.name ?? "";
    if (/Expired/i.test(name) || /expired/i.test((error as Error)?.message ?? "")) {
      throw unauthorized("Your Telegram session has expired. Close and reopen the Mini App.", "INIT_DATA_EXPIRED");
    }
    throw unauthorized("Your Telegram sign-in could not be verified. Close and reopen the Mini App.", "INIT_DATA_INVALID");
  }
  const data = parse(raw);
  const tg = data.user;
  if (!tg) throw unauthorized("Your Telegram sign-in carries no user. Open the Mini App from a chat with the bot.", "INIT_DATA_NO_USER");
  const profile: TelegramProfile = {
    id: BigInt(tg.id),
    firstName: tg.first_name,
    lastName: tg.last_name,
    username: tg.username,
    languageCode: tg.language_code,
    photoUrl: tg.photo_url,
    isPremium: tg.is_premium,
  };
  remember(key, profile, data.auth_date.getTime() + rt.config.initDataMaxAgeSeconds * 1000);
  return authenticateUser(rt.db.prisma, profile, rt.config.adminIds);
}
