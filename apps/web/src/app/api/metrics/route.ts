import { metricsResponse } from "@gm/api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return metricsResponse();
}
