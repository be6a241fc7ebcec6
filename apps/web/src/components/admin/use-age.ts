import { useTranslations } from "next-intl";

import { durationParts } from "@/lib/format";

/** A duration in seconds as a short label in the user's language: "45 s", "12 min", "3 h 5 min", "2 d 7 h". */
export function useAge(): (seconds: number) => string {
  const t = useTranslations();
  return (seconds) => {
    const { unit, a, b } = durationParts(seconds);
    switch (unit) {
      case "s":
        return t("adminAge_s", { a });
      case "m":
        return t("adminAge_m", { a });
      case "h":
        return b === 0 ? t("adminAge_hExact", { a }) : t("adminAge_h", { a, b });
      case "d":
        return b === 0 ? t("adminAge_dExact", { a }) : t("adminAge_d", { a, b });
    }
  };
}
