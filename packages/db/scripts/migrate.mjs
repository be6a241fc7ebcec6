#!/usr/bin/env node
// Offline `prisma migrate` for PostgreSQL: drives the WebAssembly schema engine (@prisma/schema-engine-wasm)
// through @prisma/adapter-pg, so no native schema-engine binary is needed. Reads DATABASE_URL.
//   create <name> | dev <name> (deploy+create+deploy) | deploy | check (exit 2 on drift) | status
// create/dev/check replay the migrations in a temporary shadow database: the role needs CREATEDB.
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

// The schema and migrations live at the repository's top level.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

// adapter-pg 7.10.1 rejects Postgres' internal "char" type (oid 18) that the engine reads from pg_catalog
// ("Column type 'char' could not be deserialized"); pg returns it as a string, so report it as text (25).
class CatalogSafeClient extends pg.Client {
  query(...args) {
    const fix = (res) => { for (const r of [res].flat()) (r?.fields ?? []).forEach((f, i) => { if (f.dataTypeID === 18) { f.dataTypeID = 25; (r.charCols ??= []).push(i); } }); return res; };
    const cb = typeof args.at(-1) === "function" ? args.pop() : null;
    if (cb) return super.query(...args, (err, res) => cb(err, res && fix(res)));
    const out = super.query(...args);
    return typeof out?.then === "function" ? out.then(fix) : out;
  }
}

// adapter-pg 7.10.1's executeScript splits on ";" (breaks $$ bodies, not atomic): send the script as one simple
// query, as the native engine does. Its connectToShadowDb lets a connectionString override the shadow database
// (the replay then runs on DATABASE_URL) and drops the shadow db before closing its pool: replaced below.
function migrationAdapterFactory(url) {
  const u = new URL(url);
  const config = { host: u.hostname, port: Number(u.port || 5432), database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), Client: CatalogSafeClient,
    max: 1, idleTimeoutMillis: 0 }; // one session, as the engine's session-level advisory lock assumes
  const connect = async (cfg) => {
    const conn = await new PrismaPg(cfg).connect();
    // report "char" columns as Character (the describer reads pg_constraint.contype with get_expect_char)
    const perf = conn.performIO.bind(conn), qr = conn.queryRaw.bind(conn); let charCols;
    conn.performIO = async (...a) => { const r = await perf(...a); charCols = r?.charCols; return r; };
    conn.queryRaw = async (q) => { const r = await qr(q); for (const i of charCols ?? []) r.columnTypes[i] = 6 /* ColumnTypeEnum.Character */; charCols = undefined; return r; };
    conn.executeScript = (sql) => conn.underlyingDriver().query(sql).then(() => {}, (e) => conn.onError(e));
    return conn;
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(config),
    async connectToShadowDb() {
      if (process.env.SHADOW_DATABASE_URL) { // e.g. a throw-away in-memory PGlite server
        const s = new URL(process.env.SHADOW_DATABASE_URL);
        const shadow = await connect({ ...config, host: s.hostname, port: Number(s.port || 5432), database: decodeURIComponent(s.pathname.slice(1)) });
        await shadow.executeScript('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP TABLE IF EXISTS _prisma_migrations');
        return shadow;
      }
      const admin = await connect(config);
      const database = `prisma_shadow_${randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await connect({ ...config, database });
      const close = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await close();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    },
  });
}

async function loadEngine(schemaFiles, adapter) {
  const bgModule = "@prisma/schema-engine-wasm/schema_engine_bg";
  const bg = await import(bgModule);
  const wasmPath = path.join(path.dirname(fileURLToPath(import.meta.resolve(bgModule))), "schema_engine_bg.wasm");
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmPath)), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(wasm.exports);
  wasm.exports.__wbindgen_start();
  const log = (line) => process.env.DEBUG && console.error(line);
  return bg.SchemaEngine.new({ datamodels: schemaFiles.map((f) => [f.path, f.content]) }, log, adapter);
}

async function migrationsList() {
  const lock = await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(dirs.map(async (name) => ({
    path: name,
    migrationFile: { path: "migration.sql", content: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8")
      .then((value) => ({ tag: "ok", value }), (e) => ({ tag: "error", value: e.message })) },
  })));
  return { baseDir: migrationsDir, lockfile: { path: "migration_lock.toml", content: lock }, shadowDbInitScript: "", migrationDirectories };
}

async function deploy(engine) {
  const { appliedMigrationNames: names } = await engine.applyMigrations({ migrationsList: await migrationsList(), filters });
  console.log(names.length ? `Applied: ${names.join(", ")}` : "No pending migrations to apply.");
}

async function create(engine, schemaFiles, name) {
  const list = await migrationsList();
  // Replays the migrations in a shadow db (fills the cache createMigration reads) and detects drift.
  const { action } = await engine.devDiagnostic({ migrationsList: list, filters });
  if (action.tag === "reset") throw new Error(`The database needs a reset: ${action.reason}`);
  const out = await engine.createMigration({ draft: false, migrationName: name, migrationsList: list, schema: { files: schemaFiles }, filters });
  if (out.migrationScript === null) return console.log("No schema changes: no migration created.");
  await mkdir(path.join(migrationsDir, out.generatedMigrationName), { recursive: true });
  await writeFile(path.join(migrationsDir, out.generatedMigrationName, `migration.${out.extension}`), out.migrationScript);
  if (list.lockfile.content === null) await writeFile(path.join(migrationsDir, "migration_lock.toml"),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`);
  console.log(`Created prisma/migrations/${out.generatedMigrationName}/migration.${out.extension}`);
}

const [cmd, name] = process.argv.slice(2);
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/giftmarket)");
  process.exit(64);
}
const schemaFiles = [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
const adapter = migrationAdapterFactory(process.env.DATABASE_URL);
let engine;
try {
  engine = await loadEngine(schemaFiles, adapter);
  if (cmd === "deploy") await deploy(engine);
  else if (cmd === "create" && name) await create(engine, schemaFiles, name);
  else if (cmd === "dev" && name) { await deploy(engine); await create(engine, schemaFiles, name); await deploy(engine); }
  else if (cmd === "status") console.log(JSON.stringify(await engine.diagnoseMigrationHistory({ migrationsList: await migrationsList(), optInToShadowDatabase: false, filters }), null, 2));
  else if (cmd === "check") {
    const res = await engine.diff({ from: { tag: "migrations", ...(await migrationsList()) }, to: { tag: "schemaDatamodel", files: schemaFiles }, script: true, exitCode: true, filters });
    if (res.exitCode === 2) console.error(`schema.prisma is ahead of prisma/migrations; missing SQL:\n${res.stdout}`);
    else console.log("schema.prisma and prisma/migrations are in sync.");
    process.exitCode = res.exitCode;
  } else { console.error("usage: migrate.mjs create <name> | dev <name> | deploy | check | status"); process.exitCode = 64; }
} catch (e) {
  // JS-side errors stay in the adapter's errorRegistry; the engine only reports "External error id#N".
  const id = /External error id#(\d+)/.exec(e?.message ?? "")?.[1];
  const jsError = id === undefined ? undefined : adapter.errorRegistry.consumeError(Number(id))?.error;
  console.error(`Migration failed: ${jsError?.stack ?? (e?.code ? `${e.code}: ${e.message}` : e?.message ?? e)}`);
  process.exitCode = 1;
} finally {
  engine?.free();
  process.exit(); // the engine leaves a ~10 s timer pending
}
