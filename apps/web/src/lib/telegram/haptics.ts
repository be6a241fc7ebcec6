import { hapticFeedback } from "@tma.js/sdk-react";

/** Telegram's haptic notification for a money action's outcome; nothing where the client has none. */
export function hapticResult(type: "success" | "error" | "warning"): void {
  hapticFeedback.notificationOccurred.ifAvailable(type);
}
