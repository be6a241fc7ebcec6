"use client";

import { mainButton } from "@tma.js/sdk-react";
import { useEffect, useRef } from "react";

/**
 * Telegram's MainButton for the current screen: shown with `text` while `visible`, calling `onClick`.
 * Hidden again when the screen goes away. Outside a real Telegram client nothing is drawn, so screens
 * also render an in-page button there (see useIsMockedTelegram).
 */
export function useMainButton({ text, visible, loading = false, onClick }: { text: string; visible: boolean; loading?: boolean; onClick: () => void }) {
  const handler = useRef(onClick);
  useEffect(() => {
    handler.current = onClick;
  });

  useEffect(() => {
    if (!mainButton.isMounted()) mainButton.mount.ifAvailable();
    const off = mainButton.onClick.ifAvailable(() => handler.current());
    return () => {
      if (off.ok) off.data();
      mainButton.setParams.ifAvailable({ isVisible: false, isLoaderVisible: false });
    };
  }, []);

  useEffect(() => {
    mainButton.setParams.ifAvailable({ text, isVisible: visible, isEnabled: !loading, isLoaderVisible: loading });
  }, [text, visible, loading]);
}
