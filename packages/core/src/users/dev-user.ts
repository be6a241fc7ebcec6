// The development user: the one the mocked Telegram environment signs in as (development and tests
// only), an admin there, and funded by the dev seed.
import type { TelegramProfile } from "./user-repository";

export const DEV_USER: TelegramProfile = {
  id: 1_000_001n,
  firstName: "Dev",
  lastName: "User",
  username: "dev",
  languageCode: "en",
  isPremium: true,
};
