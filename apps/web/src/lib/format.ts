import { formatTon, parseTon } from "@gm/api/client";

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

/** Whole time left until `end` (never negative), split for a countdown: days and "hh:mm:ss" (or "mm:ss" under an hour). */
export function countdownParts(end: Date, now: number): { days: number; clock: string; over: boolean } {
  const left = Math.max(0, Math.floor((end.getTime() - now) / 1000));
  const days = Math.floor(left / 86_400);
  const h = Math.floor((left % 86_400) / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  const clock = days > 0 || h > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  return { days, clock, over: left === 0 };
}

/** An amount as the user typed it ("1,5" or "1.5"), in nanoTON: null unless it is a positive TON amount. */
export function parseTonInput(text: string): bigint | null {
  try {
    const nano = parseTon(text.trim().replace(",", "."));
    return nano > 0n ? nano : null;
  } catch {
    return null;
  }
}

/** An amount as an input's text: TON without the unit or thousands separators, so it parses back exactly. */
export function tonInputText(nano: bigint): string {
  return formatTon(nano, { unit: false }).replace(/,/g, "");
}

/**
 * How long ago (or how long), in whole seconds, split into its two largest units for a short label:
 * 45 → { unit: "s", a: 45 }, 750 → { unit: "m", a: 12 }, 11_000 → { unit: "h", a: 3, b: 3 }, 200_000 → { unit: "d", a: 2, b: 7 }.
 */
export function durationParts(seconds: number): { unit: "s" | "m" | "h" | "d"; a: number; b: number } {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return { unit: "s", a: s, b: 0 };
  if (s < 3600) return { unit: "m", a: Math.floor(s / 60), b: 0 };
  if (s < 86_400) return { unit: "h", a: Math.floor(s / 3600), b: Math.floor((s % 3600) / 60) };
  return { unit: "d", a: Math.floor(s / 86_400), b: Math.floor((s % 86_400) / 3600) };
}
