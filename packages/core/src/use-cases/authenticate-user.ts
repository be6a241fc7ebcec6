// Turns a validated Telegram identity into our user: created on first sight, refused when banned.
import type { PrismaClient, User } from "@gm/db";
import { AppError } from "../errors";
import { userRepository, type TelegramProfile } from "../repositories/user-repository";

export interface AuthenticatedUser {
  user: User;
  isAdmin: boolean;
}

export function isAdmin(user: Pick<User, "id" | "role">, adminIds: ReadonlySet<bigint>): boolean {
  return user.role === "ADMIN" || adminIds.has(user.id);
}

export async function authenticateUser(prisma: PrismaClient, profile: TelegramProfile, adminIds: ReadonlySet<bigint>): Promise<AuthenticatedUser> {
  const user = await userRepository.upsertFromTelegram(prisma, profile);
  if (user.isBanned) throw new AppError("FORBIDDEN", "Your account is suspended. Contact support if you think this is a mistake.", "BANNED");
  return { user, isAdmin: isAdmin(user, adminIds) };
}
