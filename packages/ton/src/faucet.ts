// The local chain's faucet (POST /faucet, never part of toncenter): test TON with any comment, from a
// funded wallet of the local chain. What `pnpm ton:faucet` and the admin page's faucet both call.
import type { Address } from "@ton/core";

export async function requestFaucet(endpoint: string, t: { to: Address; amount: bigint; comment?: string }): Promise<void> {
  const res = await fetch(new URL("/faucet", endpoint), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ to: t.to.toString(), amount: t.amount.toString(), comment: t.comment }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
  if (!res.ok || !body.ok) throw new Error(`the faucet refused: ${body.error ?? res.status} (is ${endpoint} the local chain?)`);
}
