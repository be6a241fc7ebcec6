import { devInitData } from "@gm/api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Raw init data of the dev user, signed by the server with the dev bot token (text/plain, ready for
 * `Authorization: tma <initData>`), so a browser outside Telegram can mock the Telegram environment
 * while the server still runs its real validation. `devInitData()` returns null in production, and
 * then this route answers 404.
 */
export function GET(): Response {
  const initData = devInitData();
  const headers = { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" };
  if (initData === null) return new Response("Not found\n", { status: 404, headers });
  return new Response(initData, { headers });
}
