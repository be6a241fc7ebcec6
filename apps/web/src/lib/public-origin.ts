import { getRuntime } from "@gm/api";

/**
 * The origin people reach the app at: `PUBLIC_URL` when set (read with the API's config). Else, behind
 * a reverse proxy the request URL carries the internal address, so the first `X-Forwarded-Proto` /
 * `X-Forwarded-Host` values win when present and look like a host name; the web server drops both
 * unless a trusted proxy (TRUST_PROXY) sent them.
 */
export function publicOrigin(req: Request): string {
  const configured = getRuntime().config.publicOrigin;
  if (configured) return configured;

  const url = new URL(req.url);
  const host = firstValue(req.headers.get("x-forwarded-host")) ?? req.headers.get("host") ?? url.host;
  const proto = firstValue(req.headers.get("x-forwarded-proto")) ?? url.protocol.replace(":", "");
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) || (proto !== "http" && proto !== "https")) {
    return url.origin;
  }
  return `${proto}://${host}`;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",")[0]?.trim();
  return value ? value : undefined;
}
