// Reading the deploy files (deploy/): YAML (with `yaml`, the maintained YAML 1.2 parser), the Grafana
// dashboards, the alert rules, and the metric names they use.
import { readdirSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const deployDir = path.join(root, "deploy");

const parsed = new Map<string, unknown>();

/** Parses a YAML file (anchors and merge keys included) with the `yaml` package; a fresh copy each call. */
export function readYaml<T = unknown>(file: string): T {
  if (!parsed.has(file)) {
    const doc = parseDocument(readFileSync(file, "utf8"), { merge: true });
    if (doc.errors.length) throw new Error(`cannot parse ${path.relative(root, file)}: ${doc.errors.map((e) => e.message).join("; ")}`);
    parsed.set(file, doc.toJS());
  }
  return structuredClone(parsed.get(file)) as T;
}

export interface Target {
  refId?: string;
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
export interface Panel {
  id?: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  panels?: Panel[];
}
export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
}

export const dashboardsDir = path.join(deployDir, "grafana/dashboards");

export function dashboards(): { file: string; dashboard: Dashboard }[] {
  return readdirSync(dashboardsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, dashboard: JSON.parse(readFileSync(path.join(dashboardsDir, f), "utf8")) as Dashboard }));
}

/** Every panel of a dashboard, those inside collapsed rows too (rows themselves excluded). */
export function panelsOf(dashboard: Dashboard): Panel[] {
  const walk = (panels: Panel[]): Panel[] => panels.flatMap((p) => (p.type === "row" ? walk(p.panels ?? []) : [p]));
  return walk(dashboard.panels);
}

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const rulesDir = path.join(deployDir, "prometheus/rules");

export function ruleFiles(): string[] {
  return readdirSync(rulesDir)
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
    .sort()
    .map((f) => path.join(rulesDir, f));
}

export function rules(): Rule[] {
  return ruleFiles().flatMap((file) => readYaml<{ groups: { name: string; rules: Rule[] }[] }>(file).groups.flatMap((g) => g.rules));
}

const METRIC = /\b(gm_[a-z0-9_]+|process_[a-z0-9_]+|nodejs_[a-z0-9_]+|haproxy_[a-z0-9_]+|up)\b/g;
// Histograms whose series a query may name by suffix; any name used with `_bucket` counts as one too.
const HISTOGRAMS = ["gm_trpc_request_duration_seconds", "gm_task_duration_seconds", "nodejs_gc_duration_seconds"];

/** The metric names in one PromQL expression, as written (label values and strings left out). */
export function metricNamesIn(expr: string): string[] {
  const code = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  return [...new Set([...code.matchAll(METRIC)].map((m) => m[1]!))];
}

/**
 * Metric name → where it is used ("dashboard <title> › panel <title>", "alert <name>"), from every
 * dashboard target's expr and every alert rule's expr. `_bucket`, `_sum` and `_count` are stripped from
 * histograms' series, so each name is a metric family as the app registers it.
 */
export function metricNamesUsed(): Map<string, string[]> {
  const uses: { name: string; where: string }[] = [];
  for (const { dashboard } of dashboards()) {
    for (const panel of panelsOf(dashboard)) {
      for (const target of panel.targets ?? []) {
        for (const name of metricNamesIn(target.expr ?? "")) uses.push({ name, where: `dashboard ${dashboard.title} › panel ${panel.title}` });
      }
    }
  }
  for (const rule of rules()) {
    for (const name of metricNamesIn(rule.expr)) uses.push({ name, where: rule.alert ? `alert ${rule.alert}` : `recording rule ${rule.record}` });
  }
  const histograms = new Set([...HISTOGRAMS, ...uses.filter((u) => u.name.endsWith("_bucket")).map((u) => u.name.slice(0, -"_bucket".length))]);
  const family = (name: string) => {
    const m = /^(.*)_(bucket|sum|count)$/.exec(name);
    return m && histograms.has(m[1]!) ? m[1]! : name;
  };
  const used = new Map<string, string[]>();
  for (const { name, where } of uses) {
    const places = used.get(family(name)) ?? [];
    if (!places.includes(where)) places.push(where);
    used.set(family(name), places);
  }
  return used;
}

/** The variables of README.md's environment table: the backticked names of each row's first column. */
export function readmeVariables(): Set<string> {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const names = new Set<string>();
  for (const line of readme.split("\n")) {
    if (!line.startsWith("| `")) continue;
    const first = line.split("|")[1] ?? "";
    for (const [, name] of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name!);
  }
  return names;
}
