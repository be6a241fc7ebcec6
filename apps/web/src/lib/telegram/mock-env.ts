import { emitEvent, mockTelegramEnv } from "@tma.js/sdk-react";

import { darkThemeParams, lightThemeParams } from "./theme";

declare global {
  interface Window {
    /** The haptic feedback the app asked the mocked Telegram for (dev and tests only). */
    gmMockedHaptics?: unknown[];
  }
}

/**
 * Asks the server for init data of the dev user, signed with the dev bot token. The endpoint
 * answers 404 in production, so a production build served to real users never mocks anything.
 */
export async function fetchDevInitData(): Promise<string | null> {
  try {
    const res = await fetch("/api/dev/init-data", { cache: "no-store" });
    if (!res.ok) return null;
    const raw = (await res.text()).trim();
    return raw.length > 0 ? raw : null;
  } catch {
    return null;
  }
}

/**
 * Imitates the Telegram client outside Telegram (development and tests only) with init data the
 * server signed: the server's real validation runs on every API call. The hash is never made up
 * here.
 */
export function mockTelegram(rawInitData: string): void {
  const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  const themeParams = dark ? darkThemeParams : lightThemeParams;
  const noInsets = { top: 0, bottom: 0, left: 0, right: 0 };

  mockTelegramEnv({
    launchParams: {
      tgWebAppData: rawInitData,
      tgWebAppThemeParams: themeParams,
      tgWebAppVersion: "8.0",
      tgWebAppPlatform: "tdesktop",
    },
    resetPostMessage: true,
    onEvent(event, next) {
      switch (event.name) {
        case "web_app_request_theme":
          emitEvent("theme_changed", { theme_params: themeParams });
          return;
        case "web_app_request_viewport":
          emitEvent("viewport_changed", {
            height: window.innerHeight,
            width: window.innerWidth,
            is_expanded: true,
            is_state_stable: true,
          });
          return;
        case "web_app_request_safe_area":
          emitEvent("safe_area_changed", noInsets);
          return;
        case "web_app_request_content_safe_area":
          emitEvent("content_safe_area_changed", noInsets);
          return;
        case "web_app_trigger_haptic_feedback":
          // Outside Telegram nothing vibrates: kept where tests can see which feedback the app gave.
          (window.gmMockedHaptics ??= []).push(event.params);
          next();
          return;
        default:
          next();
      }
    },
  });
}
