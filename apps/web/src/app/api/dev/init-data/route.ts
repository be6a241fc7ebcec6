import { devInitData } from "@gm/api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Signed init data for the documented dev user, so a browser outside Telegram can mock the
 * Telegram environment while the server still runs its real validation. `devInitData()` returns
 * null in production, and then this route does not exist.
 */
export function GET(): Response {
  const initData = devInitData();
  if (initData === null) {
    return Response.json({ error: "Not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json({ initData }, { headers: { "Cache-Control": "no-store" } });
}
