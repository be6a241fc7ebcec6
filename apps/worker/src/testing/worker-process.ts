// The worker as deployed, for tests that kill it or run two: the real process (src/main.ts), in-process
// locks (no REDIS_URL, so a killed instance leaves no lock behind to wait out), and the given environment.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once it serves /health (its tasks have started). */
  listening: Promise<void>;
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every worker a test started that still runs: a failed assertion must not leave them behind. */
export function killWorkerProcesses(): void {
  for (const child of running) child.kill("SIGKILL");
}

export function startWorkerProcess(env: Record<string, string>, opts: { withoutTon?: boolean } = {}): WorkerProcess {
  const { REDIS_URL: _redis, ...inherited } = process.env;
  if (opts.withoutTon) delete inherited.TON_API_ENDPOINT;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    env: { ...inherited, WORKER_PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => String(d).includes("worker listening") && resolve());
    child.on("exit", (code) => reject(new Error(`the worker exited with ${code} before listening`)));
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  void exited.then(() => running.delete(child));
  return { child, listening, exited };
}
