// The benchmark's API processes (src/server.ts, each in its own process so the load generator does not
// share its event loop), as production runs them: NODE_ENV=production, a pool as large as the load.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export function apiServers(opts: { root: string; databaseUrl: string; redisUrl: string; botToken: string; concurrency: number }) {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const servers: ChildProcess[] = [];
  return {
    async start(env: Record<string, string> = {}): Promise<string> {
      const port = 3900 + Math.floor(Math.random() * 90) + servers.length * 100;
      const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...nodeArgs, "src/server.ts"], {
        cwd: path.join(opts.root, "packages/bench"),
        env: {
          ...process.env, PORT: String(port), DATABASE_URL: opts.databaseUrl, REDIS_URL: opts.redisUrl, REDIS_KEY_PREFIX: `gm-bench-${process.pid}-${servers.length}:`,
          NODE_ENV: "production", BOT_TOKEN: opts.botToken, LOG_LEVEL: "warn", TON_WALLET_ADDRESS: `0:${"be".repeat(32)}`,
          NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "", DB_POOL_SIZE: String(opts.concurrency), DB_POOL_OVERFLOW: "0",
          // The limits are not what is measured: lift the per-user and per-IP defaults (procedures with a
          // limit of their own, purchases and bids, keep it: the load spreads over enough users).
          USER_RATE_LIMIT_PER_MINUTE: "100000000", IP_RATE_LIMIT_PER_MINUTE: "100000000",
          ...env,
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.stdout!.on("data", (d) => String(d).includes("listening") && resolve());
        server.on("exit", (code) => reject(new Error(`bench API exited with ${code}`)));
      });
      return `http://127.0.0.1:${port}`;
    },
    stopAll() {
      for (const server of servers) server.kill("SIGTERM");
    },
  };
}
