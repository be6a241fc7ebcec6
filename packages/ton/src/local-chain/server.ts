// The local chain over HTTP, speaking the subset of toncenter's v2 JSON-RPC (`POST /jsonRPC`) that
// `@ton/ton`'s TonClient uses: so the real client code runs in development and tests, offline.
// Also `POST /faucet` { to, amount, comment } for the dev faucet (never part of toncenter).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Address, beginCell, Cell, type Message, TupleBuilder, type TupleItem } from "@ton/core";
import type { ChainTransaction, LocalChain } from "./chain";

const SHARD = "-9223372036854775808";

function blockId(seqno: number) {
  return { "@type": "ton.blockIdExt", workchain: -1, shard: SHARD, seqno, root_hash: "", file_hash: "" };
}

const txId = (lt: bigint, hash: Buffer) => ({ "@type": "internal.transactionId", lt: lt.toString(), hash: hash.toString("base64") });

/** A text comment (op 0) or nothing. */
function commentOf(body: Cell): string | undefined {
  try {
    const s = body.beginParse();
    if (s.remainingBits < 32 || s.loadUint(32) !== 0) return undefined;
    return s.loadStringTail();
  } catch {
    return undefined;
  }
}

function messageJson(m: Message) {
  const internal = m.info.type === "internal" ? m.info : undefined;
  const comment = commentOf(m.body);
  return {
    "@type": "raw.message",
    source: m.info.src && "hash" in m.info.src ? (m.info.src as Address).toString({ bounceable: internal?.bounce ?? true }) : "",
    destination: m.info.dest && "hash" in m.info.dest ? (m.info.dest as Address).toString({ bounceable: internal?.bounce ?? true }) : "",
    value: internal ? internal.value.coins.toString() : "0",
    fwd_fee: internal ? internal.forwardFee.toString() : "0",
    ihr_fee: internal ? internal.ihrFee.toString() : "0",
    created_lt: internal ? internal.createdLt.toString() : "0",
    body_hash: m.body.hash().toString("base64"),
    msg_data: comment !== undefined ? { "@type": "msg.dataText", text: Buffer.from(comment).toString("base64") } : { "@type": "msg.dataRaw", body: beginCell().storeSlice(m.body.beginParse()).endCell().toBoc().toString("base64"), init_state: "" },
    ...(comment !== undefined ? { message: comment } : {}),
  };
}

function transactionJson(t: ChainTransaction) {
  const fees = t.tx.totalFees.coins.toString();
  return {
    "@type": "raw.transaction",
    address: { "@type": "accountAddress", account_address: t.address.toString() },
    utime: t.now,
    data: t.raw.toBoc().toString("base64"),
    transaction_id: txId(t.lt, t.hash),
    fee: fees,
    storage_fee: "0",
    other_fee: fees,
    in_msg: t.tx.inMessage ? messageJson(t.tx.inMessage) : undefined,
    out_msgs: [...t.tx.outMessages.values()].map(messageJson),
  };
}

/** toncenter's stack entries → TVM tuple items (numbers and cells: what wallets' get-methods take). */
function parseStack(stack: unknown): TupleItem[] {
  const b = new TupleBuilder();
  for (const entry of Array.isArray(stack) ? stack : []) {
    const [type, value] = entry as [string, unknown];
    if (type === "num") b.writeNumber(BigInt(value as string));
    else if (type === "tvm.Cell" || type === "cell") b.writeCell(Cell.fromBase64(value as string));
    else if (type === "tvm.Slice" || type === "slice") b.writeSlice(Cell.fromBase64(value as string));
    else throw new Error(`unsupported stack entry ${type}`);
  }
  return b.build();
}

function stackJson(items: TupleItem[]): unknown[] {
  return items.map((item) => {
    switch (item.type) {
      case "int":
        return ["num", item.value < 0n ? `-0x${(-item.value).toString(16)}` : `0x${item.value.toString(16)}`];
      case "null":
        return ["null", null];
      case "cell":
        return ["cell", { bytes: item.cell.toBoc().toString("base64") }];
      case "slice":
        return ["slice", { bytes: item.cell.toBoc().toString("base64") }];
      case "builder":
        return ["builder", { bytes: item.cell.toBoc().toString("base64") }];
      default:
        throw new Error(`unsupported stack result ${item.type}`);
    }
  });
}

type Params = Record<string, unknown>;

async function call(chain: LocalChain, method: string, p: Params): Promise<unknown> {
  const address = () => Address.parse(String(p.address));
  switch (method) {
    case "getAddressInformation": {
      const contract = await chain.blockchain.getContract(address());
      const state = contract.accountState;
      const last = chain.lastTransaction(address());
      return {
        "@type": "raw.fullAccountState",
        balance: contract.balance.toString(),
        state: state?.type === "active" ? "active" : state?.type === "frozen" ? "frozen" : "uninitialized",
        code: state?.type === "active" && state.state.code ? state.state.code.toBoc().toString("base64") : "",
        data: state?.type === "active" && state.state.data ? state.state.data.toBoc().toString("base64") : "",
        last_transaction_id: last ? txId(last.lt, last.hash) : { "@type": "internal.transactionId", lt: "0", hash: Buffer.alloc(32).toString("base64") },
        block_id: blockId(chain.blockSeqno),
        frozen_hash: "",
        sync_utime: Math.floor(Date.now() / 1000),
      };
    }
    case "getTransactions": {
      const limit = Math.min(Number(p.limit ?? 10), 100);
      const txs = chain.transactions(address(), {
        limit,
        lt: p.lt !== undefined ? BigInt(String(p.lt)) : undefined,
        hash: p.hash !== undefined ? Buffer.from(String(p.hash), /^[0-9a-f]{64}$/i.test(String(p.hash)) ? "hex" : "base64") : undefined,
        toLt: p.to_lt !== undefined && String(p.to_lt) !== "0" ? BigInt(String(p.to_lt)) : undefined,
      });
      return txs.map(transactionJson);
    }
    case "runGetMethod": {
      const contract = await chain.blockchain.getContract(address());
      const result = await contract.get(String(p.method), parseStack(p.stack));
      return { "@type": "smc.runResult", gas_used: Number(result.gasUsed), exit_code: result.exitCode, stack: stackJson(result.stack) };
    }
    case "sendBoc":
    case "sendBocReturnHash": {
      const boc = Buffer.from(String(p.boc), "base64");
      await chain.sendExternal(boc);
      return { "@type": "ok", ...(method === "sendBocReturnHash" ? { hash: Cell.fromBoc(boc)[0]!.hash().toString("base64") } : {}) };
    }
    case "getMasterchainInfo":
      return { "@type": "blocks.masterchainInfo", last: blockId(chain.blockSeqno), state_root_hash: "", init: blockId(0) };
    default:
      throw Object.assign(new Error(`method ${method} is not served by the local chain`), { status: 404 });
  }
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

export interface LocalChainServer {
  url: string;
  /** The toncenter v2 JSON-RPC endpoint for TonClient. */
  endpoint: string;
  chain: LocalChain;
  close(): Promise<void>;
}

/** Serves `chain` on 127.0.0.1:`port` (0: any free port). */
export async function serveLocalChain(chain: LocalChain, port = 0): Promise<LocalChainServer> {
  // The sandbox runs one message at a time: requests are served in order.
  let queue: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const work = queue.then(async () => {
      try {
        const url = new URL(req.url ?? "/", "http://local");
        const input = (await body(req)) as { method?: string; params?: Params; id?: unknown; to?: string; amount?: string; comment?: string };
        if (req.method === "POST" && url.pathname === "/faucet") {
          const txs = await chain.faucet(Address.parse(String(input.to)), BigInt(String(input.amount)), input.comment);
          const received = txs.find((t) => t.address.equals(Address.parse(String(input.to))));
          return reply(200, { ok: true, result: received ? txId(received.lt, received.hash) : null });
        }
        if (req.method !== "POST" || !(url.pathname === "/jsonRPC" || url.pathname === "/api/v2/jsonRPC")) return reply(404, { ok: false, error: "not found", code: 404 });
        const result = await call(chain, String(input.method), input.params ?? {});
        reply(200, { ok: true, result, id: input.id ?? "1", jsonrpc: "2.0" });
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        reply(status === 404 ? 404 : 200, { ok: false, error: (error as Error).message, code: status });
      }
    });
    queue = work.catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoint: `${url}/jsonRPC`,
    chain,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
