#!/usr/bin/env node
// Every variable of the README's environment table must reach the apps: Turborepo runs tasks in strict
// env mode, where a variable that turbo.json does not declare is silently dropped (pnpm dev, pnpm test
// and pnpm bench all run through turbo). And every variable in the table must be read by some code, so
// the table documents what exists. Exits 1 naming what is missing.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const section = readme.split(/^## Environment$/m)[1]?.split(/^## /m)[0];
if (!section) throw new Error('README.md has no "## Environment" section');

// First column of each table row: one or more `NAME`s.
const documented = new Set();
for (const line of section.split("\n")) {
  const first = /^\|([^|]+)\|/.exec(line)?.[1];
  if (!first) continue;
  for (const [, name] of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) documented.add(name);
}
if (documented.size === 0) throw new Error("README.md's environment table lists no variables");

const turbo = JSON.parse(readFileSync(path.join(root, "turbo.json"), "utf8"));
const declared = [...(turbo.globalEnv ?? []), ...(turbo.globalPassThroughEnv ?? [])];
const reaches = (name) => declared.some((d) => (d.endsWith("*") ? name.startsWith(d.slice(0, -1)) : d === name));

function* sources(dir) {
  for (const entry of readdirSync(dir)) {
    if (["node_modules", ".next", "generated", "dist", ".data", ".git"].includes(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx|mjs|js)$/.test(entry) && !/\.test\.ts$/.test(entry)) yield full;
  }
}
const code = ["apps", "packages", "scripts"].flatMap((d) => [...sources(path.join(root, d))].map((f) => readFileSync(f, "utf8"))).join("\n");

const dropped = [...documented].filter((name) => !reaches(name));
const unread = [...documented].filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
if (dropped.length || unread.length) {
  if (dropped.length) console.error(`Not declared in turbo.json (turbo would drop them before they reach the apps): ${dropped.join(", ")}`);
  if (unread.length) console.error(`In the README's table but read by no code: ${unread.join(", ")}`);
  process.exit(1);
}
console.log(`${documented.size} environment variables documented, each declared to turbo and read by the code.`);
