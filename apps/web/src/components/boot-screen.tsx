"use client";

import { useSyncExternalStore } from "react";

import { catalogs, localeFor } from "@/i18n/messages";

const noSubscription = () => () => {};

type BootState = "loading" | "outside-telegram" | "failed";

/** What people see before the Telegram SDK is ready, or when it cannot be. */
export function BootScreen({ state }: { state: BootState }) {
  // The browser language is only known on the client; the server renders English.
  const language = useSyncExternalStore(noSubscription, () => navigator.language, () => undefined);
  // Before the Telegram SDK (and the language provider) is up: the catalog itself, by the browser language.
  const t = catalogs[localeFor(language)];
  if (state === "loading") {
    return (
      <main className="screen center" aria-busy="true">
        <div className="spinner" aria-hidden="true" />
        <p className="hint">{t.starting}</p>
      </main>
    );
  }
  return (
    <main className="screen center">
      <section className="card notice" role="alert" data-testid="error-state">
        <h1 className="title">{state === "outside-telegram" ? "Gift Market" : t.errorTitle}</h1>
        <p className="hint">{state === "outside-telegram" ? t.errorNotTelegram : t.errorUnknown}</p>
      </section>
    </main>
  );
}
