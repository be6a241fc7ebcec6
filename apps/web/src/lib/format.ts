/** A date and time in the user's language. */
export function formatDate(date: Date, locale: string, withTime = true): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    day: "numeric",
    month: "short",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : { year: "numeric" }),
  }).format(date);
}

/** Rarity permille as a percentage with one decimal: 12 → "1.2%". Integer math, no floats. */
export function formatPermille(permille: number): string {
  return `${Math.trunc(permille / 10)}.${Math.abs(permille % 10)}%`;
}
