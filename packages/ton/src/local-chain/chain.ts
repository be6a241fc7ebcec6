// A local TON chain for development and tests: @ton/sandbox's emulator (real TVM, real wallets), plus the
// per-account transaction history a toncenter node would serve, which the sandbox does not keep.
import { Address, beginCell, Cell, type Message, loadMessage, toNano } from "@ton/core";
import { Blockchain, type BlockchainTransaction, type SandboxContract, type TreasuryContract } from "@ton/sandbox";

/** One transaction as the chain keeps it: the cell, its hash and where it happened. */
export interface ChainTransaction {
  address: Address;
  lt: bigint;
  hash: Buffer;
  now: number;
  raw: Cell;
  tx: BlockchainTransaction;
}

export class LocalChain {
  private history = new Map<string, ChainTransaction[]>(); // raw address → oldest first
  private faucetWallet?: SandboxContract<TreasuryContract>;
  private seqno = 1;

  private constructor(readonly blockchain: Blockchain) {}

  static async create(): Promise<LocalChain> {
    return new LocalChain(await Blockchain.create());
  }

  /** A funded wallet that sends test TON with any comment (the dev faucet). */
  private async faucetContract() {
    this.faucetWallet ??= await this.blockchain.treasury("gift-market-faucet", { balance: toNano("1000000000") });
    return this.faucetWallet;
  }

  get faucetAddress(): Promise<Address> {
    return this.faucetContract().then((f) => f.address);
  }

  private record(transactions: BlockchainTransaction[]) {
    for (const tx of transactions) {
      const address = accountOf(tx);
      const entry: ChainTransaction = { address, lt: tx.lt, hash: tx.hash(), now: tx.now, raw: tx.raw, tx };
      const list = this.history.get(address.toRawString()) ?? [];
      list.push(entry);
      this.history.set(address.toRawString(), list);
    }
    this.seqno++;
  }

  /** Gives `address` a balance from genesis (no transaction: nothing for a deposit poller to see). */
  async fund(address: Address, amount: bigint): Promise<void> {
    const contract = await this.blockchain.getContract(address);
    contract.balance = amount;
  }

  /** Sends `amount` from the faucet to `to` with a text comment (or a raw body), like a user's wallet would. */
  async faucet(to: Address, amount: bigint, comment?: string | Cell, opts: { bounce?: boolean } = {}): Promise<ChainTransaction[]> {
    const faucet = await this.faucetContract();
    const body = typeof comment === "string" ? beginCell().storeUint(0, 32).storeStringTail(comment).endCell() : comment;
    const result = await faucet.send({ to, value: amount, body, bounce: opts.bounce ?? false });
    this.record(result.transactions);
    return this.lastRecorded(result.transactions);
  }

  /** An external message (a wallet's signed transfer) as `sendBoc` delivers it. */
  async sendExternal(boc: Buffer): Promise<void> {
    const cells = Cell.fromBoc(boc);
    if (cells.length !== 1) throw new Error("expected one root cell");
    const message: Message = loadMessage(cells[0]!.beginParse());
    if (message.info.type !== "external-in") throw new Error("sendBoc takes an external message");
    const result = await this.blockchain.sendMessage(message);
    this.record(result.transactions);
  }

  private lastRecorded(transactions: BlockchainTransaction[]): ChainTransaction[] {
    return transactions.map((tx) => this.history.get(accountOf(tx).toRawString())!.find((t) => t.lt === tx.lt)!);
  }

  /** Newest first, from (lt, hash) inclusive when given, down to `toLt` exclusive, at most `limit`. */
  transactions(address: Address, opts: { limit: number; lt?: bigint; hash?: Buffer; toLt?: bigint }): ChainTransaction[] {
    const list = [...(this.history.get(address.toRawString()) ?? [])].reverse();
    let start = 0;
    if (opts.lt !== undefined) {
      start = list.findIndex((t) => t.lt === opts.lt && (!opts.hash || t.hash.equals(opts.hash)));
      if (start < 0) return [];
    }
    const out: ChainTransaction[] = [];
    for (let i = start; i < list.length && out.length < opts.limit; i++) {
      if (opts.toLt !== undefined && list[i]!.lt <= opts.toLt) break;
      out.push(list[i]!);
    }
    return out;
  }

  lastTransaction(address: Address): ChainTransaction | undefined {
    return this.history.get(address.toRawString())?.at(-1);
  }

  get blockSeqno(): number {
    return this.seqno;
  }
}

/** The account a transaction belongs to (the sandbox gives its hash as a number; basechain only). */
const accountOf = (tx: BlockchainTransaction) => new Address(0, Buffer.from(tx.address.toString(16).padStart(64, "0"), "hex"));
