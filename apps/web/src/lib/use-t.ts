"use client";

import { useQuery } from "@tanstack/react-query";

import { type Locale, type Messages, localeFor, messages } from "./i18n";
import { useTRPC } from "./trpc";

/** The signed-in user's strings (Telegram language_code), English until auth.me answers. */
export function useT(): { t: Messages; locale: Locale } {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const locale = localeFor(me.data?.languageCode);
  return { t: messages(locale), locale };
}

/** A date and time in the user's language. */
export function formatDate(date: Date, locale: Locale, withTime = true): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    day: "numeric",
    month: "short",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : { year: "numeric" }),
  }).format(date);
}

/** Rarity permille as a percentage with one decimal: 12 → "1.2%". Integer math, no floats. */
export function formatPermille(permille: number): string {
  return `${Math.trunc(permille / 10)}.${Math.abs(permille % 10)}%`;
}
