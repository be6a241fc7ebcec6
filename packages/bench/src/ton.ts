// `pnpm bench --only ton`: the worker's TON pipeline as it runs for users — the real worker process
// against the local chain (served over HTTP, as in `pnpm dev`) and a database of its own.
//   deposits: a backlog of 10,000 transfers with 1,000 users' memos, credited from the moment the worker
//             is listening until the last one is (aim: ≤ 20 s)
//   withdrawals: N requested at once (through core, as wallet.withdraw does), until the last is confirmed
//             at its destination: sent and confirmed per minute
// Both end with the ledger check.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { Address } from "@ton/core";
import { checkLedger, executeMoneyCommand, requestWithdrawal } from "@gm/core";
import { createUsers } from "@gm/core/testing";
import { createDatabase as connect, readDbConfig } from "@gm/db";
import { memoryBackends } from "@gm/redis";
import { freshDatabase } from "./load";
import { DEV_WALLET_MNEMONIC, LocalChain, platformWallet, serveLocalChain } from "@gm/ton";

const TON = 1_000_000_000n;

export interface TonBenchResult {
  deposits: { count: number; seconds: number; perSecond: number };
  withdrawals: { count: number; seconds: number; perMinute: number; transfers: number };
  ledger: "ok" | "drift";
}

export async function benchTon(opts: { root: string; serverUrl: string; redisUrl: string; deposits: number; withdrawals: number; log: (m: string) => void }): Promise<TonBenchResult> {
  const { log } = opts;
  const url = await freshDatabase({ root: opts.root, serverUrl: opts.serverUrl, name: "gm_bench_ton" });
  const db = connect({ ...readDbConfig({ ...process.env, DATABASE_URL: url }), DB_POOL_SIZE: 8, DB_POOL_OVERFLOW: 0 });
  const raw = new pg.Pool({ connectionString: url, max: 2 });
  const chain = await serveLocalChain(await LocalChain.create());
  const wallet = await platformWallet(DEV_WALLET_MNEMONIC.split(" "));
  let worker: ChildProcess | undefined;
  try {
    // The backlog: 10,000 transfers from 1,000 users (their memos), on chain before the worker starts.
    const users = await createUsers(db.prisma, 1000, 0n);
    const t0 = performance.now();
    for (let i = 0; i < opts.deposits; i++) await chain.chain.faucet(wallet.address, 2n * TON, `memo-${users[i % users.length]}`);
    log(`${opts.deposits} deposits on the local chain in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting the worker`);

    const started = performance.now();
    let listening = 0;
    worker = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: path.join(opts.root, "apps/worker"),
      env: {
        ...process.env, DATABASE_URL: url, REDIS_URL: opts.redisUrl, REDIS_KEY_PREFIX: `gm-bench-ton-${process.pid}:`, LOG_LEVEL: "info",
        TON_API_ENDPOINT: chain.endpoint, TON_DEPOSITS_INTERVAL_MS: "500", TON_WITHDRAWALS_INTERVAL_MS: "500", WORKER_PORT: "0",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    worker.stdout!.on("data", (d) => {
      if (!listening && String(d).includes("worker listening")) listening = performance.now();
    });
    const count = async (sql: string) => Number((await raw.query<{ n: string }>(sql)).rows[0]!.n);
    while ((await count("SELECT count(*) AS n FROM deposits WHERE status = 'CREDITED'")) < opts.deposits) {
      if (performance.now() - started > 300_000) throw new Error("deposits not all credited within 5 minutes");
      await new Promise((r) => setTimeout(r, 100));
    }
    const depositSeconds = (performance.now() - (listening || started)) / 1000;
    log(`deposits: ${opts.deposits} credited in ${depositSeconds.toFixed(2)} s after the worker was listening (${(opts.deposits / depositSeconds).toFixed(0)}/s)`);

    // Withdrawals: each user asks for one at once (1 TON to an address of its own, non-bounceable).
    const core = { database: db, cache: memoryBackends().cache, config: { ton: { network: "testnet" as const, depositAddress: async () => wallet.address.toString({ bounceable: false, testOnly: true }) } } };
    const w0 = performance.now();
    const chosen = users.slice(0, opts.withdrawals);
    for (let i = 0; i < chosen.length; i += 50) {
      await Promise.all(
        chosen.slice(i, i + 50).map((userId) =>
          executeMoneyCommand(requestWithdrawal, core, { userId, isAdmin: false, requestId: `bench-${userId}` }, "wallet.withdraw", {
            idempotencyKey: `bench-${userId}`, amount: TON, destination: new Address(0, randomBytes(32)).toString({ bounceable: false, testOnly: true }),
          }),
        ),
      );
    }
    while ((await count("SELECT count(*) AS n FROM withdrawals WHERE status = 'CONFIRMED'")) < opts.withdrawals) {
      if (performance.now() - w0 > 300_000) throw new Error("withdrawals not all confirmed within 5 minutes");
      await new Promise((r) => setTimeout(r, 100));
    }
    const withdrawalSeconds = (performance.now() - w0) / 1000;
    const transfers = await count("SELECT count(*) AS n FROM withdrawal_batches WHERE status = 'LANDED'");
    log(`withdrawals: ${opts.withdrawals} requested, sent and confirmed in ${withdrawalSeconds.toFixed(2)} s in ${transfers} transfers (${((opts.withdrawals / withdrawalSeconds) * 60).toFixed(0)}/min)`);
    const check = await checkLedger(db.prisma);
    return {
      deposits: { count: opts.deposits, seconds: depositSeconds, perSecond: opts.deposits / depositSeconds },
      withdrawals: { count: opts.withdrawals, seconds: withdrawalSeconds, perMinute: (opts.withdrawals / withdrawalSeconds) * 60, transfers },
      ledger: check.ok ? "ok" : "drift",
    };
  } finally {
    worker?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await chain.close();
    await raw.end();
    await db.close();
  }
}
