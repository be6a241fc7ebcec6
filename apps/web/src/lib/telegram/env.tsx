"use client";

import { createContext, type ReactNode, useContext } from "react";

/** Whether the Telegram environment is mocked (a browser in dev/test) rather than a real Telegram client. */
const TelegramEnvContext = createContext<{ mocked: boolean }>({ mocked: false });

export function TelegramEnvProvider({ mocked, children }: { mocked: boolean; children: ReactNode }) {
  return <TelegramEnvContext.Provider value={{ mocked }}>{children}</TelegramEnvContext.Provider>;
}

/** True outside a real Telegram client: Telegram's own MainButton has no UI there. */
export function useIsMockedTelegram(): boolean {
  return useContext(TelegramEnvContext).mocked;
}
