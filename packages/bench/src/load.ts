// Load generators that do not share the API's core budget unfairly: wrk (C, one thread) for HTTP and
// pgbench for raw SQL, each run as its own process, with p50/p95/p99 read from their own statistics.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

const SUMMARY = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\n{"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;

export function requireWrk(): string {
  for (const bin of ["/usr/bin/wrk", "/usr/local/bin/wrk"]) if (existsSync(bin)) return bin;
  throw new Error('wrk is not installed: the benchmark drives HTTP with it (apt-get install -y wrk).');
}

/**
 * Runs wrk against `url` for `seconds` with `connections` on one thread. `script` is Lua that may set
 * `request` (a per-request generator); the summary hook is appended.
 */
export function wrk(name: string, url: string, opts: { seconds: number; connections: number; headers?: Record<string, string>; script?: string }): LoadResult {
  const file = path.join(tmpdir(), `gm-wrk-${process.pid}-${Math.random().toString(36).slice(2)}.lua`);
  writeFileSync(file, `${opts.script ?? ""}\n${SUMMARY}`);
  const args = ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--timeout", "10s", "-s", file];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push("-H", `${k}: ${v}`);
  args.push(url);
  const out = execFileSync(requireWrk(), args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = out.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const s = JSON.parse(line) as { requests: number; duration_us: number; errors: number; non2xx: number; p50_us: number; p95_us: number; p99_us: number };
  const seconds = s.duration_us / 1e6;
  const errors = s.errors + s.non2xx;
  return { name, requests: s.requests, errors, rps: (s.requests - errors) / seconds, p50: s.p50_us / 1000, p95: s.p95_us / 1000, p99: s.p99_us / 1000 };
}

export function pgbenchBinary(): string {
  const dirs = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse() : [];
  for (const v of dirs) if (existsSync(`/usr/lib/postgresql/${v}/bin/pgbench`)) return `/usr/lib/postgresql/${v}/bin/pgbench`;
  return "pgbench";
}

export function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username) || "postgres",
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
}

/** pgbench with a script of its own (`-f`), extended protocol like our driver; latency from its log. */
export function pgbenchScript(name: string, url: string, sql: string, opts: { seconds: number; clients: number }): LoadResult {
  const file = path.join(tmpdir(), `gm-pgbench-${process.pid}-${Math.random().toString(36).slice(2)}.sql`);
  // As written, newlines and comments included: pgbench reads a statement up to its semicolon.
  writeFileSync(file, `${sql.trim()};\n`);
  return runPgbench(name, pgEnv(url), ["-n", "-M", "extended", "-f", file], opts);
}

/** The standard TPC-B-like transaction, on its own scale-10 database (created once). */
export function pgbenchTpcb(url: string, opts: { seconds: number; clients: number }): LoadResult {
  const env = pgEnv(url);
  const bin = pgbenchBinary();
  try {
    execFileSync(bin, ["-n", "-c", "1", "-t", "1"], { env, stdio: "ignore" });
  } catch {
    execFileSync("psql", ["-d", "postgres", "-c", `CREATE DATABASE ${env.PGDATABASE}`], { env, stdio: "ignore" });
    execFileSync(bin, ["-i", "-s", "10", "-q"], { env, stdio: "ignore" });
  }
  return runPgbench("pgbench TPC-B (scale 10)", env, ["-n"], opts);
}

function runPgbench(name: string, env: NodeJS.ProcessEnv, args: string[], opts: { seconds: number; clients: number }): LoadResult {
  const out = execFileSync(pgbenchBinary(), [...args, "-c", String(opts.clients), "-j", "1", "-T", String(opts.seconds)], {
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const avg = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  const txs = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  // pgbench prints the average only; the percentiles are not what the ratio compares.
  return { name, requests: txs, errors: failed, rps: tps, p50: avg, p95: NaN, p99: NaN };
}

/** The statement with its parameters written in as literals (for a pgbench script). */
export function inlineParameters(text: string, values: unknown[]): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" || typeof v === "bigint") return String(v);
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (v instanceof Date) return `'${v.toISOString()}'`;
    if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(", ")}]`;
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  // Highest first, so $1 never eats the front of $12.
  let sql = text;
  for (let i = values.length; i >= 1; i--) sql = sql.replaceAll(`$${i}`, literal(values[i - 1]));
  return sql;
}

/** A database of its own for one benchmark, dropped and created empty, with the migrations applied: its URL. */
export async function freshDatabase(opts: { root: string; serverUrl: string; name: string }): Promise<string> {
  const admin = new pg.Client({ connectionString: opts.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${opts.name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${opts.name}"`);
  await admin.end();
  const u = new URL(opts.serverUrl);
  u.pathname = `/${opts.name}`;
  const url = u.toString();
  execFileSync(process.execPath, ["packages/db/scripts/migrate.mjs", "deploy"], { cwd: opts.root, stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  return url;
}
