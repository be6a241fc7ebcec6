/** All user-facing strings of the Mini App, in English and Russian. */
const en = {
  greeting: "Hi,",
  subtitle: "Collectible Telegram gifts, paid in TON",
  balanceTitle: "Balance",
  available: "Available",
  locked: "Locked in offers, bids and withdrawals",
  wallet: "TON wallet",
  walletHint: "Connect a wallet to withdraw and prove ownership.",
  loading: "Loading…",
  starting: "Opening Gift Market…",
  retry: "Try again",
  emptyBalance: "Your balance is empty. Top up with TON to start trading.",
  errorTitle: "Something went wrong",
  errorUnauthorized: "We couldn't confirm your Telegram session. Close the app and open it again from the bot.",
  errorForbidden: "You don't have access to this.",
  errorRateLimited: "Too many requests. Please wait a moment and try again.",
  errorNetwork: "Can't reach Gift Market. Check your connection and try again.",
  errorServer: "Gift Market is having trouble right now. Please try again in a minute.",
  errorNotTelegram: "Open Gift Market from Telegram to continue.",
  errorUnknown: "Something unexpected happened. Please try again.",
} as const;

export type Messages = { readonly [K in keyof typeof en]: string };

const ru: Messages = {
  greeting: "Привет,",
  subtitle: "Коллекционные подарки Telegram за TON",
  balanceTitle: "Баланс",
  available: "Доступно",
  locked: "Заблокировано в офферах, ставках и выводах",
  wallet: "TON-кошелёк",
  walletHint: "Подключите кошелёк, чтобы выводить средства и подтвердить владение.",
  loading: "Загрузка…",
  starting: "Открываем Gift Market…",
  retry: "Повторить",
  emptyBalance: "Баланс пуст. Пополните его в TON, чтобы начать торговать.",
  errorTitle: "Что-то пошло не так",
  errorUnauthorized: "Не удалось подтвердить сессию Telegram. Закройте приложение и откройте его снова из бота.",
  errorForbidden: "У вас нет доступа к этому разделу.",
  errorRateLimited: "Слишком много запросов. Подождите немного и попробуйте снова.",
  errorNetwork: "Нет связи с Gift Market. Проверьте подключение и попробуйте снова.",
  errorServer: "У Gift Market временные неполадки. Попробуйте через минуту.",
  errorNotTelegram: "Откройте Gift Market из Telegram, чтобы продолжить.",
  errorUnknown: "Произошла непредвиденная ошибка. Попробуйте снова.",
};

const dictionaries = { en, ru } satisfies Record<string, Messages>;
export type Locale = keyof typeof dictionaries;

/** Picks a dictionary from Telegram's `language_code` ("ru", "ru-RU", "en", ...). */
export function localeFor(languageCode: string | null | undefined): Locale {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return base === "ru" ? "ru" : "en";
}

export function messages(locale: Locale): Messages {
  return dictionaries[locale];
}
