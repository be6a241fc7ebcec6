"use client";

import { NextIntlClientProvider } from "next-intl";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

import type { en } from "./en";
import { catalogs, type Locale, localeFor, LOCALES } from "./messages";

const STORAGE_KEY = "gm.locale";

const LocaleChoice = createContext<{ locale: Locale; choose(locale: Locale): void } | null>(null);

function stored(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : null;
  } catch {
    return null; // storage disabled: Telegram's language it is
  }
}

/** The user's language: their choice in the profile if they made one, else Telegram's language_code. */
export function I18nProvider({ telegramLanguage, children }: { telegramLanguage: string | undefined; children: ReactNode }) {
  const [chosen, setChosen] = useState<Locale | null>(() => (typeof window === "undefined" ? null : stored()));
  const locale = chosen ?? localeFor(telegramLanguage);
  const choose = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered across launches, but switched now
    }
    setChosen(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const choice = useMemo(() => ({ locale, choose }), [locale, choose]);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  return (
    <LocaleChoice.Provider value={choice}>
      {/* Typed as the English catalog (next-intl types keys and arguments from its literals); every catalog has its shape. */}
      <NextIntlClientProvider locale={locale} messages={catalogs[locale] as unknown as typeof en} timeZone={timeZone}>
        {children}
      </NextIntlClientProvider>
    </LocaleChoice.Provider>
  );
}

/** The current language and the switch (the profile's language picker). */
export function useLocaleChoice() {
  const choice = useContext(LocaleChoice);
  if (!choice) throw new Error("useLocaleChoice needs I18nProvider");
  return choice;
}
