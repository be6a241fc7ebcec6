// The local TON chain (development and tests): @ton/sandbox behind a toncenter v2 JSON-RPC subset.
export { LocalChain, type ChainTransaction } from "./chain";
export { serveLocalChain, type LocalChainServer } from "./server";
export { serveFlakyProxy, type FlakyProxy } from "./flaky-proxy";
