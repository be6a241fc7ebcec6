// Telegram Mini App authentication: `Authorization: tma <initData>`, validated with the bot token and a
// maximum age; the user is created or refreshed from it; banned users are refused.
import { parse, validate } from "@tma.js/init-data-node";
import { z } from "zod";
import { AppError, authenticateUser, text, type AuthenticatedUser, type RefusalReason, type TelegramProfile } from "@gm/core";
import type { Runtime } from "../runtime";

const unauthorized = (message: string, reason: RefusalReason) => new AppError("UNAUTHORIZED", message, reason);

// The Mini App sends the same init data with every call for up to an hour. A string that passed the
// signature check keeps passing it, so remember the verified profile until the string expires: each
// call then skips the HMAC and the parse (a measurable share of a read's CPU).
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { profile: TelegramProfile; expiresAt: number }>();

function remember(key: string, profile: TelegramProfile, expiresAt: number) {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!); // oldest first
  verified.set(key, { profile, expiresAt });
}

/**
 * The Telegram profile the init data proves, or UNAUTHORIZED. CPU only (no I/O), so the caller can send
 * every Redis command of the call at once, keyed by this id (ours is Telegram's).
 */
export function verifySignIn(rt: Runtime, authorization: string | null): TelegramProfile {
  const match = authorization ? /^tma\s+(.+)$/is.exec(authorization.trim()) : null;
  if (!match) throw unauthorized("Open Gift Market from Telegram to sign in (the request carries no Telegram init data).", "NO_INIT_DATA");
  const raw = match[1]!;
  // Keyed with the token and the age limit too: what one configuration verified proves nothing to another.
  const key = `${rt.config.botToken}|${rt.config.initDataMaxAgeSeconds}|${raw}`;
  const known = verified.get(key);
  if (known && known.expiresAt > Date.now()) return known.profile;
  try {
    validate(raw, rt.config.botToken, { expiresIn: rt.config.initDataMaxAgeSeconds });
  } catch (error) {
    const name = (error as Error)?.name ?? "";
    if (/Expired/i.test(name) || /expired/i.test((error as Error)?.message ?? "")) {
      throw unauthorized("Your Telegram session has expired. Close and reopen the Mini App.", "INIT_DATA_EXPIRED");
    }
    throw unauthorized("Your Telegram sign-in could not be verified. Close and reopen the Mini App.", "INIT_DATA_INVALID");
  }
  // Signed is not well-formed: a valid HMAC over malformed fields (no signature, a user that is not
  // JSON, an id that is not a Telegram id) is refused like any other bad sign-in, never a 500.
  let data: ReturnType<typeof parse>;
  try {
    data = parse(raw);
  } catch {
    throw unauthorized("Your Telegram sign-in could not be read. Close and reopen the Mini App.", "INIT_DATA_MALFORMED");
  }
  const tg = data.user;
  if (!tg) throw unauthorized("Your Telegram sign-in carries no user. Open the Mini App from a chat with the bot.", "INIT_DATA_NO_USER");
  const profile = profileOf(tg);
  if (!profile) throw unauthorized("Your Telegram sign-in could not be read. Close and reopen the Mini App.", "INIT_DATA_MALFORMED");
  remember(key, profile, data.auth_date.getTime() + rt.config.initDataMaxAgeSeconds * 1000);
  return profile;
}

/** Our user for a verified profile: created on first sight, refused when banned. */
export function userOf(rt: Runtime, profile: TelegramProfile): Promise<AuthenticatedUser> {
  return authenticateUser({ database: rt.db }, profile, rt.config.adminIds);
}

/** Telegram's user as our profile, or null when its fields cannot be ours (ids in BIGINT, sane names). */
function profileOf(tg: NonNullable<ReturnType<typeof parse>["user"]>): TelegramProfile | null {
  const parsed = telegramUser.safeParse(tg);
  if (!parsed.success) return null;
  const u = parsed.data;
  return {
    id: BigInt(u.id),
    firstName: u.first_name,
    lastName: u.last_name,
    username: u.username,
    languageCode: u.language_code,
    photoUrl: u.photo_url,
    isPremium: u.is_premium,
  };
}

const optionalText = (what: string, max: number) => text(what, { max }).optional();
const telegramUser = z.object({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  first_name: text("first_name", { max: 256 }),
  last_name: optionalText("last_name", 256),
  username: optionalText("username", 64),
  language_code: optionalText("language_code", 35),
  photo_url: optionalText("photo_url", 2048),
  is_premium: z.boolean().optional(),
});
