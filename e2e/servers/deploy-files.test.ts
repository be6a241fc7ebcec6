// The deploy files (deploy/), checked without Docker: Prometheus' config, rules and rule tests with
// promtool, Alertmanager's config with amtool, the compose file's services, dependencies, health checks
// and variables, the Dockerfiles, the Grafana dashboards and the log pipeline. Needs the Debian packages
// prometheus (promtool) and prometheus-alertmanager (amtool).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dashboards, deployDir, metricNamesIn, metricNamesUsed, panelsOf, readmeVariables, readYaml, root, ruleFiles, rules } from "./deploy-support";

const tmp = mkdtempSync(path.join(os.tmpdir(), "gm-deploy-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(deployDir, file), "utf8");

/** Runs a tool and returns its output; a missing tool fails naming the Debian package. */
function tool(cmd: string, args: string[], pkg: string): { status: number | null; output: string } {
  const result = spawnSync(cmd, args, { encoding: "utf8", cwd: root });
  if (result.error) throw new Error(`${cmd} is not installed: install the Debian package "${pkg}" (${result.error.message})`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
const promtool = (...args: string[]) => tool("promtool", args, "prometheus");

describe("Prometheus", () => {
  it("promtool accepts prometheus.yml, with its rule files and the token file", () => {
    // The token is a container path: check a copy that points at a file of ours, beside a copy of rules/.
    const config = read("prometheus/prometheus.yml");
    expect(config).toContain("credentials_file: /etc/prometheus/metrics-token");
    const token = path.join(tmp, "metrics-token");
    writeFileSync(token, "x".repeat(32));
    const dir = mkdtempSync(path.join(tmp, "prometheus-"));
    cpSync(path.join(deployDir, "prometheus/rules"), path.join(dir, "rules"), { recursive: true });
    writeFileSync(path.join(dir, "prometheus.yml"), config.replaceAll("/etc/prometheus/metrics-token", token));
    const { status, output } = promtool("check", "config", path.join(dir, "prometheus.yml"));
    expect(status, output).toBe(0);
    expect(output).toMatch(new RegExp(`SUCCESS: ${ruleFiles().length} rule files found`));
  });

  it("promtool accepts every rules file", () => {
    expect(ruleFiles().length).toBeGreaterThan(0);
    for (const file of ruleFiles()) {
      const { status, output } = promtool("check", "rules", file);
      expect(status, output).toBe(0);
    }
  });

  it("the alerts' unit tests pass (promtool test rules)", () => {
    const tests = readdirSync(path.join(deployDir, "prometheus/tests")).filter((f) => f.endsWith(".yml"));
    expect(tests).toContain("gift-market.test.yml");
    for (const file of tests) {
      const { status, output } = promtool("test", "rules", path.join(deployDir, "prometheus/tests", file));
      expect(status, output).toBe(0);
      expect(output).toContain("SUCCESS");
    }
  });

  it("tests at least the error-rate, deposit-cursor and breaker alerts firing, and the error rate not firing at 1%", () => {
    type Test = { input_series: { series: string; values: string }[]; alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] };
    const { tests } = readYaml<{ tests: Test[] }>(path.join(deployDir, "prometheus/tests/gift-market.test.yml"));
    const cases = tests.flatMap((t) => (t.alert_rule_test ?? []).map((a) => ({ ...a, series: t.input_series })));
    const fires = (name: string) => cases.some((c) => c.alertname === name && c.exp_alerts.length > 0);
    expect(fires("GiftMarketHighErrorRate")).toBe(true);
    expect(fires("GiftMarketDepositCursorStale")).toBe(true);
    expect(fires("GiftMarketTonBreakerOpen")).toBe(true);
    const quiet = cases.filter((c) => c.alertname === "GiftMarketHighErrorRate" && c.exp_alerts.length === 0);
    // 1 call in 100 an INTERNAL_SERVER_ERROR: the per-interval increments of the series say so.
    const onePercent = quiet.some((c) => {
      const step = (code: string) => Number(/\+(\d+)x/.exec(c.series.find((s) => s.series.includes(`code="${code}"`))?.values ?? "")?.[1] ?? NaN);
      return step("INTERNAL_SERVER_ERROR") / (step("INTERNAL_SERVER_ERROR") + step("OK")) === 0.01;
    });
    expect(onePercent).toBe(true);
  });

  it("every alert waits (`for`), has a severity, a summary and a description, and a runbook in deploy/README.md", () => {
    const readme = read("README.md");
    const alerts = rules().filter((r) => r.alert);
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        "GiftMarketHighErrorRate",
        "GiftMarketSlowProcedure",
        "GiftMarketDbPoolNearlyExhausted",
        "GiftMarketTaskFailing",
        "GiftMarketMoneyTaskStalled",
        "GiftMarketTaskStalled",
        "GiftMarketDepositCursorStale",
        "GiftMarketWithdrawalStuck",
        "GiftMarketTonBreakerOpen",
        "GiftMarketTargetDown",
        "GiftMarketRedisDown",
      ]),
    );
    for (const a of alerts) {
      expect(a.for, a.alert).toMatch(/^\d+[smh]$/);
      expect(["critical", "warning"], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.description, a.alert).toBeTruthy();
      expect(readme, `deploy/README.md has no runbook for ${a.alert}`).toMatch(new RegExp(`^#+ .*\\b${a.alert}\\b`, "m"));
    }
  });

  it("every job a rule or a dashboard selects is a scrape job of prometheus.yml", () => {
    const config = readYaml<{ scrape_configs: { job_name: string }[] }>(path.join(deployDir, "prometheus/prometheus.yml"));
    const jobs = new Set(config.scrape_configs.map((s) => s.job_name));
    expect(jobs).toEqual(new Set(["web", "worker", "haproxy", "prometheus", "alertmanager"]));
    const exprs = [...rules().map((r) => r.expr), ...dashboards().flatMap(({ dashboard }) => panelsOf(dashboard).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? "")))];
    for (const expr of exprs) {
      for (const [, value] of expr.matchAll(/\bjob=~?"([^"]+)"/g)) {
        for (const job of value!.split("|")) expect(jobs, expr).toContain(job);
      }
    }
  });
});

describe("Alertmanager", () => {
  it("amtool accepts alertmanager.yml, whose webhook URL is the compose secret's file", () => {
    const config = read("alertmanager/alertmanager.yml");
    const compose = readYaml<Compose>(path.join(deployDir, "compose.yaml"));
    const secretFile = compose.services.alertmanager!.secrets!.find((s) => s.source === "alert_webhook_url")!.target;
    const urlFiles = [...config.matchAll(/url_file: (\S+)/g)].map((m) => m[1]);
    expect(urlFiles.length).toBeGreaterThan(0);
    for (const file of urlFiles) expect(file).toBe(secretFile);
    // url_file is Alertmanager 0.26's (the image is 0.28); an older amtool checks the rest with a URL.
    const version = /version (\d+)\.(\d+)/.exec(tool("amtool", ["--version"], "prometheus-alertmanager").output);
    const old = version !== null && Number(version[1]) === 0 && Number(version[2]) < 26;
    const copy = path.join(tmp, "alertmanager.yml");
    writeFileSync(copy, old ? config.replace(/url_file: \S+/g, "url: http://webhook.invalid/") : config);
    const { status, output } = tool("amtool", ["check-config", copy], "prometheus-alertmanager");
    expect(status, output).toBe(0);
    expect(output).toContain("SUCCESS");
  });
});

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string; disable?: boolean };
  volumes?: string[];
  secrets?: { source: string; target: string }[];
  stop_grace_period?: string;
  restart?: string;
  command?: string[];
  entrypoint?: string[];
}
interface Compose {
  name: string;
  services: Record<string, Service>;
  secrets: Record<string, { environment?: string; file?: string }>;
}

const compose = () => readYaml<Compose>(path.join(deployDir, "compose.yaml"));
const APP_SERVICES = ["web-blue", "web-green", "worker", "migrate"];

/** A Dockerfile's stages: name, parent (the FROM) and instructions, in order. */
function stages(dockerfile: string) {
  const text = readFileSync(path.join(root, dockerfile), "utf8").replace(/\\\n/g, " ");
  const list: { name: string; from: string; lines: string[] }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) list.push({ from: from[1]!, name: from[2] ?? `stage${list.length}`, lines: [] });
    else list.at(-1)?.lines.push(line);
  }
  return list;
}
/** The instructions in effect in `target` (default: the last stage), its parent stages' included. */
function effective(dockerfile: string, target?: string): string[] {
  const all = stages(dockerfile);
  let stage = target ? all.find((s) => s.name === target) : all.at(-1);
  expect(stage, `${dockerfile} has no stage ${target}`).toBeDefined();
  const chain: string[][] = [];
  while (stage) {
    chain.unshift(stage.lines);
    const parent: string = stage.from;
    stage = all.find((s) => s.name === parent);
  }
  expect(all.find((s) => s.lines === chain[0])?.from, `${dockerfile}: the runtime's first stage`).toBe("${NODE_IMAGE}");
  return chain.flat();
}
const last = (lines: string[], instruction: string) => lines.filter((l) => l.toUpperCase().startsWith(`${instruction} `)).at(-1);

describe("compose.yaml", () => {
  it("has the stack's services, in the project gift-market", () => {
    const c = compose();
    expect(c.name).toBe("gift-market");
    expect(Object.keys(c.services)).toEqual(
      expect.arrayContaining([
        "postgres-primary", "postgres-replica", "redis-primary", "redis-replica", "sentinel-1", "sentinel-2", "sentinel-3",
        "migrate", "web-blue", "web-green", "worker", "lb", "prometheus", "alertmanager", "grafana", "loki", "alloy",
      ]),
    );
    expect(c.services["postgres-primary"]!.image).toMatch(/^postgres:16/);
    expect(c.services["lb"]!.image).toBe("haproxy:2.6");
    // The replica is cloned from the primary by its entrypoint.
    expect(c.services["postgres-replica"]!.entrypoint?.join(" ")).toMatch(/replica-entrypoint\.sh/);
    expect(read("postgres/replica-entrypoint.sh")).toMatch(/pg_basebackup[\s\S]*--write-recovery-conf/);
    expect(read("postgres/primary-init.sh")).toMatch(/host replication/);
  });

  it("every service another waits for as healthy has a health check, in compose or in its image", () => {
    const c = compose();
    const hasHealthcheck = (name: string) => {
      const s = c.services[name]!;
      if (s.healthcheck && !s.healthcheck.disable) return true;
      return s.build !== undefined && last(effective(path.join("deploy", s.build.context, s.build.dockerfile), s.build.target), "HEALTHCHECK") !== undefined;
    };
    let waits = 0;
    for (const [name, s] of Object.entries(c.services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(c.services[dep], `${name} depends on ${dep}, which is not a service`).toBeDefined();
        if (condition === "service_healthy") {
          waits++;
          expect(hasHealthcheck(dep), `${name} waits for ${dep} to be healthy, which has no health check`).toBe(true);
        }
      }
    }
    expect(waits).toBeGreaterThan(10);
    for (const name of ["web-blue", "web-green", "worker", "postgres-primary", "postgres-replica", "redis-primary", "redis-replica", "sentinel-1", "prometheus", "grafana"]) {
      expect(hasHealthcheck(name), name).toBe(true);
    }
  });

  it("the apps start after the migration succeeded, on a healthy database, Redis and Sentinels", () => {
    const c = compose();
    expect(c.services["migrate"]!.restart).toBe("no");
    expect(c.services["migrate"]!.depends_on?.["postgres-primary"]?.condition).toBe("service_healthy");
    for (const name of ["web-blue", "web-green", "worker"]) {
      const deps = c.services[name]!.depends_on ?? {};
      expect(deps["migrate"]?.condition, name).toBe("service_completed_successfully");
      for (const dep of ["postgres-primary", "redis-primary", "sentinel-1", "sentinel-2", "sentinel-3"]) expect(deps[dep]?.condition, `${name} → ${dep}`).toBe("service_healthy");
    }
    expect(c.services["lb"]!.depends_on?.["web-blue"]?.condition).toBe("service_healthy");
  });

  it("gives the apps only variables of the README's environment table, pointing at the primary and the Sentinels", () => {
    const c = compose();
    const documented = readmeVariables();
    expect(documented.size).toBeGreaterThan(30);
    for (const name of APP_SERVICES) {
      const env = c.services[name]!.environment ?? {};
      for (const key of Object.keys(env)) expect(documented, `${name} gets ${key}, which README.md's environment table does not list`).toContain(key);
      expect(String(env["DATABASE_URL"]), name).toMatch(/@postgres-primary:5432\//);
    }
    for (const name of ["web-blue", "web-green", "worker"]) {
      const env = c.services[name]!.environment!;
      expect(env["REDIS_SENTINELS"], name).toBe("sentinel-1:26379,sentinel-2:26379,sentinel-3:26379");
      expect(env["REDIS_SENTINEL_NAME"], name).toBe("mymaster");
      expect(env["REDIS_URL"], name).toBeUndefined();
      expect(env["METRICS_TOKEN"], name).toBeDefined();
    }
    for (const name of ["web-blue", "web-green"]) {
      const env = c.services[name]!.environment!;
      expect(env["TRUST_PROXY"]).toMatch(/^(\$\{TRUST_PROXY:-1\}|1)$/);
      expect(env["SHUTDOWN_DRAIN_DELAY_MS"]).toBeDefined();
    }
    // The colours differ in their image tag, address and SERVICE_NAME only.
    const { environment: blue, image: _b, networks: _nb, ...blueRest } = c.services["web-blue"] as Service & { networks?: unknown };
    const { environment: green, image: _g, networks: _ng, ...greenRest } = c.services["web-green"] as Service & { networks?: unknown };
    expect(greenRest).toEqual(blueRest);
    expect({ ...green, SERVICE_NAME: "" }).toEqual({ ...blue, SERVICE_NAME: "" });
    // Sentinel monitors the same name the apps ask for.
    expect(read("redis/sentinel.conf")).toMatch(/^sentinel monitor mymaster redis-primary 6379 2$/m);
  });

  it("stops compose when a secret that must be set is missing", () => {
    const text = read("compose.yaml");
    for (const name of ["BOT_TOKEN", "TON_WALLET_MNEMONIC", "TON_WALLET_ADDRESS", "TON_API_ENDPOINT", "METRICS_TOKEN", "POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD"]) {
      expect(text, name).toContain(`\${${name}:?`);
      // …and never with a default instead.
      expect(text, name).not.toContain(`\${${name}:-`);
    }
    // Prometheus reads the apps' token from the compose secret at the path prometheus.yml names.
    const c = compose();
    expect(c.secrets["metrics_token"]?.environment).toBe("METRICS_TOKEN");
    expect(c.services["prometheus"]!.secrets).toContainEqual(expect.objectContaining({ source: "metrics_token", target: "/etc/prometheus/metrics-token" }));
  });

  it("lets the apps drain before Docker kills them", () => {
    const c = compose();
    const seconds = (d: string | undefined) => {
      const m = /^(\d+)(ms|s|m)$/.exec(d ?? "");
      if (!m) throw new Error(`not a duration: ${d}`);
      return Number(m[1]) * { ms: 0.001, s: 1, m: 60 }[m[2] as "ms" | "s" | "m"];
    };
    for (const name of ["web-blue", "web-green"]) {
      const env = c.services[name]!.environment!;
      const needed = (Number(env["SHUTDOWN_DRAIN_DELAY_MS"]) + Number(env["SHUTDOWN_GRACE_MS"])) / 1000;
      expect(needed).toBeGreaterThanOrEqual(13);
      expect(seconds(c.services[name]!.stop_grace_period), name).toBeGreaterThan(needed);
    }
    const worker = c.services["worker"]!;
    expect(seconds(worker.stop_grace_period)).toBeGreaterThan(Number(worker.environment!["WORKER_SHUTDOWN_TIMEOUT_MS"]) / 1000);
  });

  it("gives HAProxy the addresses its config reads, and mounts it and the switch script", () => {
    const lb = compose().services["lb"]!;
    expect(lb.environment).toMatchObject({ LB_BIND: ":80", BLUE_ADDR: "web-blue:3000", GREEN_ADDR: "web-green:3000", LB_ADMIN: "127.0.0.1:9999", LB_STATS: ":8404" });
    expect(lb.volumes).toContain("./lb/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    expect(lb.volumes?.some((v) => v.startsWith("./blue-green.sh:"))).toBe(true);
    const prometheus = readYaml<{ scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] }>(path.join(deployDir, "prometheus/prometheus.yml"));
    expect(prometheus.scrape_configs.find((s) => s.job_name === "haproxy")?.static_configs[0]?.targets).toEqual([`lb${lb.environment!["LB_STATS"]}`]);
  });

  it("mounts only files that exist, and builds from Dockerfiles and targets that exist", () => {
    const c = compose();
    for (const [name, s] of Object.entries(c.services)) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(":")[0]!;
        if (!source.startsWith(".")) continue; // a named volume or the Docker socket
        expect(existsSync(path.join(deployDir, source)), `${name} mounts ${source}`).toBe(true);
      }
      if (s.build) {
        const dockerfile = path.join("deploy", s.build.context, s.build.dockerfile);
        expect(existsSync(path.join(root, dockerfile)), dockerfile).toBe(true);
        if (s.build.target) expect(stages(dockerfile).map((st) => st.name), `${name}'s target`).toContain(s.build.target);
      }
    }
    for (const script of ["postgres/primary-init.sh", "postgres/replica-entrypoint.sh", "redis/entrypoint.sh"]) {
      expect(statSync(path.join(deployDir, script)).mode & 0o111, `${script} is executable`).not.toBe(0);
    }
  });
});

describe("the Dockerfiles", () => {
  const pnpmVersion = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { packageManager: string }).packageManager.replace("pnpm@", "");
  const images = [
    { dockerfile: "deploy/Dockerfile.web", target: undefined, port: "3000", health: /\/api\/health/, portVar: "PORT", cmd: "apps/web/server/main.mjs" },
    { dockerfile: "deploy/Dockerfile.worker", target: undefined, port: "3001", health: /\/health/, portVar: "WORKER_PORT", cmd: "apps/worker/src/main.ts" },
  ];
  for (const image of images) {
    it(`${image.dockerfile}: node 22 slim, pnpm ${pnpmVersion} from the lockfile, a non-root runtime with a health check`, () => {
      const text = readFileSync(path.join(root, image.dockerfile), "utf8");
      expect(text).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
      expect(text).toContain(`corepack prepare pnpm@${pnpmVersion} --activate`);
      expect(text).toMatch(/pnpm install [^\n]*--frozen-lockfile/);
      expect(stages(image.dockerfile).length).toBeGreaterThan(2);
      const runtime = effective(image.dockerfile, image.target);
      expect(last(runtime, "USER")).toMatch(/^USER (?!root\b|0\b)\S+/);
      const health = last(runtime, "HEALTHCHECK")!;
      expect(health).toMatch(image.health);
      expect(health).toContain(`process.env.${image.portVar}`);
      expect(health).toContain("node");
      expect(last(runtime, "STOPSIGNAL")).toBe("STOPSIGNAL SIGTERM");
      expect(last(runtime, "EXPOSE")).toBe(`EXPOSE ${image.port}`);
      expect(runtime.some((l) => /^ENV .*\bNODE_ENV=production\b/.test(l))).toBe(true);
      // The runtime starts from the bare Node image and copies what it needs: no pnpm, no store, no devDependencies.
      expect(runtime.some((l) => /corepack|pnpm (install|fetch)/.test(l))).toBe(false);
      expect(runtime.filter((l) => l.startsWith("COPY ")).every((l) => l.includes("--from="))).toBe(true);
      expect(existsSync(path.join(root, image.cmd)), image.cmd).toBe(true);
      // BuildKit's per-Dockerfile ignore file keeps installs, builds and secrets out of the context.
      const ignore = readFileSync(path.join(root, `${image.dockerfile}.dockerignore`), "utf8").split("\n");
      for (const pattern of ["**/node_modules", "**/.next", ".git", "**/.env", ".data"]) expect(ignore).toContain(pattern);
    });
  }

  it("the web image runs `next build`; the worker's has a migrate target that runs the migrations", () => {
    expect(readFileSync(path.join(root, "deploy/Dockerfile.web"), "utf8")).toMatch(/pnpm --filter @gm\/web build/);
    const migrate = effective("deploy/Dockerfile.worker", "migrate");
    expect(last(migrate, "CMD")).toBe('CMD ["node", "packages/db/scripts/migrate.mjs", "deploy"]');
    expect(last(migrate, "USER")).toMatch(/^USER (?!root\b|0\b)\S+/);
    expect(existsSync(path.join(root, "packages/db/scripts/migrate.mjs"))).toBe(true);
  });
});

describe("Grafana", () => {
  const datasources = () => readYaml<{ datasources: { uid: string; type: string; url: string }[] }>(path.join(deployDir, "grafana/provisioning/datasources/datasources.yml")).datasources;

  it("provisions Prometheus and Loki, and the dashboards from the directory compose mounts", () => {
    expect(datasources().map((d) => [d.type, d.uid, d.url])).toEqual([
      ["prometheus", "prometheus", "http://prometheus:9090"],
      ["loki", "loki", "http://loki:3100"],
    ]);
    const providers = readYaml<{ providers: { options: { path: string } }[] }>(path.join(deployDir, "grafana/provisioning/dashboards/dashboards.yml")).providers;
    const grafana = compose().services["grafana"]!;
    for (const p of providers) expect(grafana.volumes).toContain(`./grafana/dashboards:${p.options.path}:ro`);
    expect(grafana.volumes).toContain("./grafana/provisioning:/etc/grafana/provisioning:ro");
  });

  it("has the API, tasks and TON, and business dashboards, valid for Grafana", () => {
    const all = dashboards();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const uids = new Set<string>();
    const known = new Map(datasources().map((d) => [d.uid, d.type]));
    for (const { file, dashboard } of all) {
      expect(dashboard.schemaVersion, file).toBe(39);
      expect(dashboard.uid, file).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(uids.has(dashboard.uid), `${file}: uid ${dashboard.uid} is taken`).toBe(false);
      uids.add(dashboard.uid);
      const ids = new Set<number>();
      for (const panel of panelsOf(dashboard)) {
        const where = `${file} › ${panel.title}`;
        expect(["timeseries", "stat", "gauge", "bargauge", "table", "state-timeline"], where).toContain(panel.type);
        expect(panel.gridPos, where).toMatchObject({ h: expect.any(Number), w: expect.any(Number), x: expect.any(Number), y: expect.any(Number) });
        expect(panel.gridPos!.x + panel.gridPos!.w, where).toBeLessThanOrEqual(24);
        expect(ids.has(panel.id!), `${where}: id ${panel.id} is taken`).toBe(false);
        ids.add(panel.id!);
        for (const ds of [panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)]) {
          if (ds) expect(known.get(ds.uid ?? ""), `${where}: datasource ${ds.uid}`).toBe(ds.type);
        }
      }
    }
    const titles = all.map((d) => d.dashboard.title).join(" | ");
    expect(titles).toMatch(/API/);
    expect(titles).toMatch(/tasks/i);
    expect(titles).toMatch(/Business/);
  });

  it("every panel has a query that names a metric", () => {
    for (const { file, dashboard } of dashboards()) {
      for (const panel of panelsOf(dashboard)) {
        expect((panel.targets ?? []).some((t) => metricNamesIn(t.expr ?? "").length > 0), `${file} › ${panel.title}`).toBe(true);
      }
    }
  });

  it("every query is PromQL that promtool accepts (Grafana's variables filled in)", () => {
    const exprs = dashboards().flatMap(({ dashboard }) => panelsOf(dashboard).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? "")));
    const filled = exprs.map((e) => e.replaceAll("$__rate_interval", "1m").replaceAll("$__interval", "1m").replaceAll("$__range", "1h").replace(/\$\{?colour\}?/g, ".*"));
    const file = path.join(tmp, "dashboard-queries.yml");
    writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboards", rules: filled.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) }] }));
    const { status, output } = promtool("check", "rules", file);
    expect(status, output).toBe(0);
    expect(output).toContain(`SUCCESS: ${exprs.length} rules found`);
  });
});

describe("logs", () => {
  it("Loki keeps structured metadata (schema v13 on TSDB)", () => {
    const loki = readYaml<{ schema_config: { configs: { store: string; schema: string }[] }; limits_config: { allow_structured_metadata: boolean } }>(path.join(deployDir, "loki/config.yaml"));
    expect(loki.schema_config.configs.at(-1)).toMatchObject({ store: "tsdb", schema: "v13" });
    expect(loki.limits_config.allow_structured_metadata).toBe(true);
    expect(compose().services["loki"]!.volumes).toContain("./loki/config.yaml:/etc/loki/config.yaml:ro");
  });

  it("Alloy parses pino's fields, labels by service and level only, and keeps requestId and userId out of the labels", () => {
    const alloy = read("alloy/config.alloy").replace(/\/\/.*$/gm, "");
    /** The text of the first block `name { … }`, nested braces included. */
    const block = (name: string) => {
      const start = alloy.indexOf(`${name} {`);
      expect(start, name).toBeGreaterThan(-1);
      let depth = 0;
      for (let i = alloy.indexOf("{", start); i < alloy.length; i++) {
        if (alloy[i] === "{") depth++;
        if (alloy[i] === "}" && --depth === 0) return alloy.slice(start, i + 1);
      }
      throw new Error(`${name} is not closed`);
    };
    const json = block("stage.json");
    for (const field of ["level", "service", "requestId", "procedure", "userId", "outcome", "durationMs"]) expect(json).toMatch(new RegExp(`\\b${field}\\s*=`));
    const labels = [...block("stage.labels").matchAll(/^\s*(\w+)\s*=\s*""/gm)].map((m) => m[1]);
    expect(labels.sort()).toEqual(["level", "service"]);
    const metadata = [...block("stage.structured_metadata").matchAll(/^\s*(\w+)\s*=\s*""/gm)].map((m) => m[1]);
    expect(metadata).toEqual(expect.arrayContaining(["requestId", "userId"]));
    // The Docker socket, read-only, and only this compose project's containers.
    expect(compose().services["alloy"]!.volumes).toContain("/var/run/docker.sock:/var/run/docker.sock:ro");
    expect(alloy).toContain(`com.docker.compose.project=${compose().name}`);
  });
});

describe("metricNamesUsed", () => {
  it("names every metric of the dashboards and alerts, by family, with where each is used", () => {
    const used = metricNamesUsed();
    for (const name of ["gm_trpc_requests_total", "gm_trpc_request_duration_seconds", "gm_task_duration_seconds", "gm_ton_deposit_cursor_age_seconds", "gm_business_volume_ton_total", "up"]) {
      expect(used.has(name), name).toBe(true);
    }
    for (const name of used.keys()) expect(name, "histogram series are reported by family").not.toMatch(/_(bucket|sum|count)$/);
    expect(used.get("gm_ton_breaker_open")).toEqual(expect.arrayContaining(["alert GiftMarketTonBreakerOpen", expect.stringMatching(/^dashboard .* › panel TON API/)]));
    // Label values and strings are not metric names.
    expect(metricNamesIn('sum(rate(gm_task_runs_total{task="idempotency-cleanup", outcome="up"}[5m]))')).toEqual(["gm_task_runs_total"]);
  });
});
