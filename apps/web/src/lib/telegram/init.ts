import {
  backButton,
  init as initSdk,
  initData,
  isTMA,
  miniApp,
  setDebug,
  themeParams,
  viewport,
} from "@tma.js/sdk-react";

import { fetchDevInitData, mockTelegram } from "./mock-env";

export type TelegramBoot =
  | { status: "ready"; mocked: boolean }
  | { status: "outside-telegram" }
  | { status: "failed"; error: unknown };

let booting: Promise<TelegramBoot> | undefined;

/**
 * Detects Telegram (mocking it outside Telegram when the server allows it) and initializes the
 * SDK. Runs once per page, however many times React mounts the provider.
 */
export function bootTelegram(): Promise<TelegramBoot> {
  booting ??= boot();
  return booting;
}

async function boot(): Promise<TelegramBoot> {
  try {
    let mocked = false;
    if (!(await isTMA("complete", { timeout: 500 }))) {
      const raw = await fetchDevInitData();
      if (raw === null) return { status: "outside-telegram" };
      mockTelegram(raw);
      mocked = true;
    }
    initTelegramSdk(process.env.NODE_ENV === "development");
    return { status: "ready", mocked };
  } catch (error) {
    return { status: "failed", error };
  }
}

/** The SDK start-up order: init, back button, init data, mini app and theme, viewport. */
function initTelegramSdk(debug: boolean): void {
  setDebug(debug);
  initSdk();

  backButton.mount.ifAvailable();
  initData.restore();

  if (miniApp.mount.isAvailable()) {
    themeParams.mount();
    miniApp.mount();
    themeParams.bindCssVars();
    miniApp.bindCssVars();
  }

  if (viewport.mount.isAvailable()) {
    viewport
      .mount()
      .then(() => {
        viewport.bindCssVars();
      })
      .catch((error: unknown) => {
        // The app stays usable with the browser's own viewport; only CSS vars are missing.
        console.warn("Telegram viewport could not be mounted", error);
      });
  }
}

/** Raw init data for the `Authorization: tma <initData>` header. */
export function rawInitData(): string | undefined {
  return initData.raw();
}

/** The user's Telegram language (`language_code` of the init data's user), read without a round trip. */
export function telegramLanguage(): string | undefined {
  const raw = initData.raw();
  if (!raw) return undefined;
  try {
    const user = JSON.parse(new URLSearchParams(raw).get("user") ?? "null") as { language_code?: unknown } | null;
    return typeof user?.language_code === "string" ? user.language_code : undefined;
  } catch {
    return undefined;
  }
}
