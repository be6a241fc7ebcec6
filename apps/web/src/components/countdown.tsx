"use client";

import { useTranslations } from "next-intl";

import { useNow } from "@/lib/clock";
import { countdownParts } from "@/lib/format";

/** Time left until `endsAt`, second by second; "Ending…" once it is reached (until the settlement shows). */
export function Countdown({ endsAt, testId = "countdown", className }: { endsAt: Date; testId?: string; className?: string }) {
  const t = useTranslations();
  const now = useNow();
  const { days, clock, over } = countdownParts(endsAt, now);
  return (
    <span className={className} data-testid={testId} data-over={over} suppressHydrationWarning>
      {over ? t("auctionEnding") : days > 0 ? t("countdownDays", { days: String(days), clock }) : clock}
    </span>
  );
}
