// The Mini App's languages on next-intl: typed message keys (from the English file), ICU plurals and
// numbers. Chosen over i18next because it is made for Next.js, formats ICU natively without plugins and
// types keys from the messages themselves; the locale is picked at run time (Telegram's language_code or
// the user's choice in the profile), so no locale routing is used.
import type { RefusalReason } from "@gm/api/client";

import { en } from "./en";
import { ru } from "./ru";

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
/** What every language must say: the English file's keys, each a string. */
export type Messages = Shape<typeof en>;

// Every refusal reason the server can give has a sentence (a new reason does not compile without one).
en.refusals satisfies Record<RefusalReason, string>;

/** A top-level message without arguments: what a table of labels (activity types, ledger kinds) may name. */
export type PlainKey = {
  [K in keyof typeof en]: (typeof en)[K] extends string ? ((typeof en)[K] extends `${string}{${string}` ? never : K) : never;
}[keyof typeof en];

export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogs: Record<Locale, Messages> = { en, ru };

/** Telegram's `language_code` ("ru", "ru-RU", "uk", …) to one of ours. */
export function localeFor(languageCode: string | null | undefined): Locale {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return base === "ru" ? "ru" : "en";
}

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
