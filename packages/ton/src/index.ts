// TON for Gift Market: the gateway to the chain, what a wallet transaction means for deposits, and the
// local chain for development and tests (./local-chain).
export { createTonGateway, type BreakerState, type TonGateway, type TonGatewayOptions, type TxCursor, type WalletState } from "./gateway";
export { classify, textComment, type IgnoredReason, type WalletTransaction } from "./incoming";
export { DEV_WALLET_MNEMONIC, readTonApiConfig, readTonConfig, tonEnvShape, type TonConfig } from "./env";
export { platformWallet, type PlatformWallet } from "./platform-wallet";
export { deliveryOf, MAX_TRANSFERS_PER_BATCH, signTransfer, transferOutcome, type OutgoingTransfer, type SentMessage, type SignedTransfer, type TransferOutcome } from "./transfers";
export { requestFaucet } from "./faucet";
export { LocalChain, serveFlakyProxy, serveLocalChain, type ChainTransaction, type FlakyProxy, type LocalChainServer } from "./local-chain";
