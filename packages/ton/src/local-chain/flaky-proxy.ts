// Between a gateway and a TON API (tests): forwards every request, or answers 502 like an overloaded
// provider while `failing` is set, and counts what reached it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FlakyProxy {
  /** The JSON-RPC endpoint to give the gateway. */
  endpoint: string;
  failing: boolean;
  /** Requests received, failed ones included. */
  requests: number;
  close(): Promise<void>;
}

export async function serveFlakyProxy(upstreamEndpoint: string): Promise<FlakyProxy> {
  const server = createServer(async (req, res) => {
    proxy.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (proxy.failing) return void res.writeHead(502).end("bad gateway");
    const upstream = await fetch(upstreamEndpoint, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { "content-type": "application/json" }).end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const proxy: FlakyProxy = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jsonRPC`,
    failing: false,
    requests: 0,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return proxy;
}
