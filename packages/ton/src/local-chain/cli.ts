// `pnpm --filter @gm/ton chain`: the local TON chain on TON_LOCAL_CHAIN_PORT (8787), as `pnpm dev` runs it.
import { LocalChain } from "./chain";
import { serveLocalChain } from "./server";

const port = Number(process.env.TON_LOCAL_CHAIN_PORT ?? 8787);
const server = await serveLocalChain(await LocalChain.create(), port);
console.log(`local TON chain ready at ${server.endpoint} (faucet: POST ${server.url}/faucet)`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
