// `pnpm --filter @gm/ton chain`: the local TON chain on TON_LOCAL_CHAIN_PORT (8787), as `pnpm dev` runs it.
// The platform wallet (TON_WALLET_MNEMONIC, the dev wallet by default) starts with a float of test TON,
// as a real hot wallet is topped up, so withdrawals of the seeded balances go out at once.
import { toNano } from "@ton/core";
import { readTonConfig } from "../env";
import { platformWallet } from "../platform-wallet";
import { LocalChain } from "./chain";
import { serveLocalChain } from "./server";

const FLOAT = toNano("1000000");
const port = Number(process.env.TON_LOCAL_CHAIN_PORT ?? 8787);
const chain = await LocalChain.create();
const wallet = await platformWallet(readTonConfig({ ...process.env, NODE_ENV: "development", TON_API_ENDPOINT: undefined }).mnemonic);
await chain.fund(wallet.address, FLOAT);
const server = await serveLocalChain(chain, port);
console.log(`local TON chain ready at ${server.endpoint} (faucet: POST ${server.url}/faucet; the platform wallet holds 1,000,000 test TON)`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
