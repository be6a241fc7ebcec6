import { publicOrigin } from "@/lib/public-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * TON Connect app manifest. Wallets fetch it by absolute URL, and its `url` must match the
 * origin the Mini App is served from, so it is built from the request rather than hard-coded.
 */
export function GET(req: Request): Response {
  const origin = publicOrigin(req);
  return Response.json(
    {
      url: origin,
      name: "Gift Market",
      iconUrl: `${origin}/icon.png`,
      termsOfUseUrl: `${origin}/`,
      privacyPolicyUrl: `${origin}/`,
    },
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
}
