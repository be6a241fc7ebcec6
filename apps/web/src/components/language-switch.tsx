"use client";

import { useTranslations } from "next-intl";

import { catalogs, LOCALES } from "@/i18n/messages";
import { useLocaleChoice } from "@/i18n/provider";

/** The profile's language picker: each language named in itself, remembered on this device. */
export function LanguageSwitch() {
  const t = useTranslations();
  const { locale, choose } = useLocaleChoice();
  return (
    <section className="card" aria-labelledby="language-title">
      <h2 id="language-title" className="section-title">
        {t("language")}
      </h2>
      <div className="tabs" role="group" aria-labelledby="language-title">
        {LOCALES.map((l) => (
          <button key={l} type="button" lang={l} className={l === locale ? "tab active" : "tab"} aria-pressed={l === locale} onClick={() => choose(l)} data-testid={`language-${l}`}>
            {catalogs[l].languageName}
          </button>
        ))}
      </div>
    </section>
  );
}
