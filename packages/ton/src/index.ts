// TON for Gift Market: the local chain for development and tests (./local-chain).
export { LocalChain, serveLocalChain, type ChainTransaction, type LocalChainServer } from "./local-chain";
