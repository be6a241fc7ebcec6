// The TON gateway: what Gift Market asks of the chain, behind one port, over @ton/ton's TonClient
// (toncenter v2 JSON-RPC: the real network, or the local chain). Every call has a timeout and goes
// through one circuit breaker (cockatiel); reads are retried with backoff and jitter, sends never are:
// a send whose outcome is unknown is reconciled by looking for it on chain, not by sending it again.
import { type Address, type Cell, type Transaction } from "@ton/core";
import { TonClient } from "@ton/ton";
import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from "cockatiel";
import { classify, type WalletTransaction } from "./incoming";

/** Where a wallet's history was read up to: the newest transaction seen. */
export interface TxCursor {
  lt: bigint;
  hash: string; // hex
}

export interface WalletState {
  state: "active" | "uninitialized" | "frozen";
  balance: bigint;
  lastLt: bigint | null;
}

export type BreakerState = "closed" | "open" | "half-open" | "isolated";

export interface TonGateway {
  /**
   * The wallet's transactions after `after` (all of them when null), oldest first, classified for
   * deposits. Pages through the history as far as needed, `pageSize` at a time.
   */
  transactionsSince(wallet: Address, after: TxCursor | null, opts?: { pageSize?: number; maxTransactions?: number }): Promise<WalletTransaction[]>;
  /**
   * The wallet's transaction after `afterLt` that an external message with this body (hash, hex) started:
   * how a signed transfer is found on chain, or null while it has not landed.
   */
  findExternal(wallet: Address, afterLt: bigint, bodyHashHex: string): Promise<Transaction | null>;
  /** The destination's transaction for the internal message `source` created at `createdLt`, or null while there is none. */
  messageResult(destination: Address, source: Address, createdLt: bigint): Promise<Transaction | null>;
  /** One transaction by its id, with the full cell, or null. */
  transaction(wallet: Address, lt: bigint, hashHex: string): Promise<Transaction | null>;
  balance(address: Address): Promise<bigint>;
  /** An account's state, balance and newest transaction's logical time (null before its first). */
  walletState(address: Address): Promise<WalletState>;
  /** A get-method's first stack entry as a number (a wallet's `seqno`). */
  getNumber(address: Address, method: string): Promise<bigint>;
  isDeployed(address: Address): Promise<boolean>;
  /** Sends a signed external message. Never retried: on an unknown outcome, look for it on chain. */
  sendExternal(message: Cell): Promise<void>;
  breakerState(): BreakerState;
  /** The cheapest call that proves the API answers (readiness). */
  ping(): Promise<void>;
}

export interface TonGatewayOptions {
  endpoint: string;
  apiKey?: string;
  /** Per-call limit, ms. */
  timeoutMs?: number;
  /** Consecutive failures that open the breaker, and how long it stays open. */
  breakerFailures?: number;
  breakerOpenMs?: number;
  retries?: number;
  onBreakerChange?(state: BreakerState): void;
}

const stateName = (s: CircuitState): BreakerState =>
  s === CircuitState.Closed ? "closed" : s === CircuitState.Open ? "open" : s === CircuitState.HalfOpen ? "half-open" : "isolated";

export function createTonGateway(options: TonGatewayOptions): TonGateway {
  const client = new TonClient({ endpoint: options.endpoint, apiKey: options.apiKey, timeout: options.timeoutMs ?? 10_000 });
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.breakerOpenMs ?? 15_000,
    breaker: new ConsecutiveBreaker(options.breakerFailures ?? 5),
  });
  breaker.onStateChange((s) => options.onBreakerChange?.(stateName(s)));
  const limit = timeout(options.timeoutMs ?? 10_000, TimeoutStrategy.Aggressive);
  // The retry sits outside the breaker: once it opens, retries stop at once (BrokenCircuitError is not retried).
  const retried = retry(handleWhen((e) => !isBrokenCircuitError(e)), {
    maxAttempts: options.retries ?? 2,
    backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 2_000 }), // full jitter by default
  });
  const read: IPolicy = wrap(retried, breaker, limit);
  const send: IPolicy = wrap(breaker, limit);
  const run = <T>(policy: IPolicy, fn: () => Promise<T>) => policy.execute(() => fn());

  /**
   * The wallet's transactions after logical time `afterLt` (all when null), newest first: page by page,
   * each from the last one's oldest transaction (inclusive, then dropped: an API that caps the page size
   * must not end the walk early), until `afterLt` or the beginning.
   */
  async function since(wallet: Address, afterLt: bigint | null, pageSize: number, max: number): Promise<Transaction[]> {
    const newestFirst: Transaction[] = [];
    let from: Transaction | undefined;
    for (;;) {
      const start = from;
      let page = await run(read, () =>
        client.getTransactions(wallet, {
          limit: pageSize,
          ...(start ? { lt: start.lt.toString(), hash: start.hash().toString("base64"), inclusive: true } : {}),
          ...(afterLt !== null ? { to_lt: afterLt.toString() } : {}),
          archival: true,
        }),
      );
      if (start) page = page.filter((t) => !(t.lt === start.lt && t.hash().equals(start.hash())));
      if (page.length === 0) break;
      let reached = false;
      for (const tx of page) {
        if (afterLt !== null && tx.lt <= afterLt) {
          reached = true;
          break;
        }
        newestFirst.push(tx);
      }
      if (newestFirst.length > max) throw new Error(`more than ${max} new transactions since the cursor: raise maxTransactions`);
      if (reached) break;
      from = page.at(-1);
    }
    return newestFirst;
  }

  return {
    async transactionsSince(wallet, after, opts = {}) {
      const newestFirst = await since(wallet, after?.lt ?? null, opts.pageSize ?? 100, opts.maxTransactions ?? 100_000);
      return newestFirst.reverse().map(classify);
    },
    async findExternal(wallet, afterLt, bodyHashHex) {
      const txs = await since(wallet, afterLt, 100, 100_000);
      return txs.find((t) => t.inMessage?.info.type === "external-in" && t.inMessage.body.hash().toString("hex") === bodyHashHex) ?? null;
    },
    async messageResult(destination, source, createdLt) {
      // The destination's transactions after the message was created hold the one it started.
      const txs = await since(destination, createdLt, 20, 10_000);
      return (
        txs.find((t) => t.inMessage?.info.type === "internal" && t.inMessage.info.createdLt === createdLt && t.inMessage.info.src.equals(source)) ?? null
      );
    },
    async transaction(wallet, lt, hashHex) {
      const found = await run(read, () => client.getTransactions(wallet, { limit: 1, lt: lt.toString(), hash: Buffer.from(hashHex, "hex").toString("base64"), inclusive: true, archival: true }));
      return found.find((t) => t.lt === lt && t.hash().toString("hex") === hashHex) ?? null;
    },
    balance: (address) => run(read, () => client.getBalance(address)),
    async walletState(address) {
      const s = await run(read, () => client.getContractState(address));
      return { state: s.state, balance: s.balance, lastLt: s.lastTransaction ? BigInt(s.lastTransaction.lt) : null };
    },
    async getNumber(address, method) {
      const res = await run(read, () => client.runMethod(address, method));
      return res.stack.readBigNumber();
    },
    isDeployed: (address) => run(read, () => client.isContractDeployed(address)),
    async sendExternal(message) {
      await run(send, () => client.sendFile(message.toBoc()));
    },
    breakerState: () => stateName(breaker.state),
    async ping() {
      await run(send, () => client.getMasterchainInfo()); // once, no retries: readiness has its own timeout
    },
  };
}
