// Ids as PostgreSQL holds them: BIGINT and INTEGER bounds, and the one parser of an id typed by a person
// or taken from a URL.
export const INT8_MAX = 9_223_372_036_854_775_807n;
export const INT4_MAX = 2_147_483_647;

/** A positive BIGINT id from text ("42"), or null when the text is not one. */
export function parseBigintId(text: string): bigint | null {
  const t = text.trim();
  if (!/^\d{1,19}$/.test(t)) return null;
  const id = BigInt(t);
  return id > 0n && id <= INT8_MAX ? id : null;
}
