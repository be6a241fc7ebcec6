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

export type BreakerState = "closed" | "open" | "half-open" | "isolated";

export interface TonGateway {
  /**
   * The wallet's transactions after `after` (all of them when null), oldest first, classified for
   * deposits. Pages through the history as far as needed, `pageSize` at a time.
   */
  transactionsSince(wallet: Address, after: TxCursor | null, opts?: { pageSize?: number; maxTransactions?: number }): Promise<WalletTransaction[]>;
  /** One transaction by its id, with the full cell (reconciling a send), or null. */
  transaction(wallet: Address, lt: bigint, hashHex: string): Promise<Transaction | null>;
  balance(address: Address): Promise<bigint>;
  /** A get-method's first stack entry as a number (a wallet's `seqno`). */
  getNumber(address: Address, method: string): Promise<bigint>;
  isDeployed(address: Address): Promise<boolean>;
  /** Sends a signed external message. Never retried: on an unknown outcome, look for it on chain. */
  sendExternal(message: Cell): Promise<void>;
  breakerState(): BreakerState;
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

  return {
    async transactionsSince(wallet, after, opts = {}) {
      const pageSize = opts.pageSize ?? 100;
      const max = opts.maxTransactions ?? 100_000;
      const newestFirst: Transaction[] = [];
      // Newest first, each page from the last one's oldest transaction (inclusive, then dropped: an
      // API that caps the page size must not end the walk early), until the cursor or the beginning.
      let from: Transaction | undefined;
      for (;;) {
        const start = from;
        let page = await run(read, () =>
          client.getTransactions(wallet, {
            limit: pageSize,
            ...(start ? { lt: start.lt.toString(), hash: start.hash().toString("base64"), inclusive: true } : {}),
            ...(after ? { to_lt: after.lt.toString() } : {}),
            archival: true,
          }),
        );
        if (start) page = page.filter((t) => !(t.lt === start.lt && t.hash().equals(start.hash())));
        if (page.length === 0) break;
        let reached = false;
        for (const tx of page) {
          if (after && tx.lt <= after.lt) {
            reached = true;
            break;
          }
          newestFirst.push(tx);
        }
        if (newestFirst.length > max) throw new Error(`more than ${max} new transactions since the cursor: raise maxTransactions`);
        if (reached) break;
        from = page.at(-1);
      }
      return newestFirst.reverse().map(classify);
    },
    async transaction(wallet, lt, hashHex) {
      const found = await run(read, () => client.getTransactions(wallet, { limit: 1, lt: lt.toString(), hash: Buffer.from(hashHex, "hex").toString("base64"), inclusive: true, archival: true }));
      return found.find((t) => t.lt === lt && t.hash().toString("hex") === hashHex) ?? null;
    },
    balance: (address) => run(read, () => client.getBalance(address)),
    async getNumber(address, method) {
      const res = await run(read, () => client.runMethod(address, method));
      return res.stack.readBigNumber();
    },
    isDeployed: (address) => run(read, () => client.isContractDeployed(address)),
    async sendExternal(message) {
      await run(send, () => client.sendFile(message.toBoc()));
    },
    breakerState: () => stateName(breaker.state),
  };
}
