// The API over HTTP for the benchmark, in its own process so the load generator does not share its
// event loop: the real tRPC handler, runtime and middleware chain, as the web app mounts them.
import { createServer } from "node:http";
import { createTrpcHandler } from "@gm/api";

const handle = createTrpcHandler();
const port = Number(process.env.PORT ?? 3900);

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const response = await handle(
    new Request(new URL(req.url ?? "/", `http://127.0.0.1:${port}`), {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    }),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`bench API listening on ${port}`));
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections(); // wrk's keep-alive connections would hold it open
});
