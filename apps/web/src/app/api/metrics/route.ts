import { metricsResponse } from "@gm/api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return metricsResponse(req);
}
