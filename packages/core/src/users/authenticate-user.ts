// Turns a validated Telegram identity into our user: created on first sight, refused when banned.
import type { User } from "@gm/db";
import type { CoreRuntime } from "../common/execute";
import { AppError } from "../common/errors";
import { userRepository, type TelegramProfile } from "../users/user-repository";

export interface AuthenticatedUser {
  user: User;
  isAdmin: boolean;
}

export function isAdmin(user: Pick<User, "id" | "role">, adminIds: ReadonlySet<bigint>): boolean {
  return user.role === "ADMIN" || adminIds.has(user.id);
}

export async function authenticateUser(rt: Pick<CoreRuntime, "database">, profile: TelegramProfile, adminIds: ReadonlySet<bigint>): Promise<AuthenticatedUser> {
  const user = await userRepository.upsertFromTelegram(rt.database.prisma, profile, rt.database.reader);
  if (user.isBanned) throw new AppError("FORBIDDEN", "Your account is suspended. Contact support if you think this is a mistake.", "BANNED");
  return { user, isAdmin: isAdmin(user, adminIds) };
}
