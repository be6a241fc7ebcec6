// `pnpm --filter @gm/core seed:market` (dev size) and `seed:bench` (1M NFTs): fills the market at
// DATABASE_URL with the catalog, users, NFTs, listings and sales history, printing each phase's timing.
// `--reset` wipes market, user and ledger data first (development and bench databases only).
// `--nfts N` scales the bench size to N NFTs (a fifth of them listed, as many sales), for scale runs.
import { parseArgs } from "node:util";
import { createDatabase, readDbConfig } from "@gm/db";
import { SEED_SIZES, seedMarket, type SeedSize } from "./seed-market";
import { seedDev } from "./dev-seed";
import { formatTon } from "@gm/core";

const { values } = parseArgs({ options: { size: { type: "string", default: "dev" }, reset: { type: "boolean", default: false }, "no-vacuum": { type: "boolean", default: false }, nfts: { type: "string" } } });
const size = values.size as SeedSize;
if (!(size in SEED_SIZES)) {
  console.error(`Unknown --size ${values.size}: use dev or bench.`);
  process.exit(2);
}

const nfts = values.nfts === undefined ? undefined : Number(values.nfts);
if (nfts !== undefined && !(Number.isInteger(nfts) && nfts >= 1_000 && nfts <= 50_000_000)) {
  console.error(`--nfts ${values.nfts}: give a whole number of NFTs between 1,000 and 50,000,000.`);
  process.exit(2);
}
// Beyond the catalog's transferable supply (about 2M), every collection's supply grows alike.
const sized = nfts === undefined ? SEED_SIZES[size] : { ...SEED_SIZES[size], nfts, listings: Math.round(nfts / 5), sales: nfts, supplyScale: Math.max(1, Math.ceil(nfts / 1_900_000)) };

// One connection, no statement limit: the bench size runs statements longer than the API would allow.
const db = createDatabase({ ...readDbConfig(), DB_POOL_SIZE: 1, DB_POOL_OVERFLOW: 0, DB_STATEMENT_TIMEOUT_MS: 0 });
try {
  console.log(`Seeding the market (${size}): ${JSON.stringify(sized)}${values.reset ? ", reset first" : ""}`);
  const stats = await seedMarket(db.prisma, {
    ...sized,
    reset: values.reset,
    vacuum: !values["no-vacuum"],
    onPhase: (p) => console.log(`  ${p.name.padEnd(18)} ${String(p.ms).padStart(7)} ms${p.rows === undefined ? "" : `  ${p.rows.toLocaleString("en")} rows`}`),
  });
  if (stats.skipped) {
    console.log("The market is already seeded (gifts exist): nothing to do. Use --reset to wipe and seed again.");
  } else {
    const dev = await seedDev(db.prisma);
    console.log(
      `Seeded ${stats.gifts} gifts (${stats.attributes} attributes), ${stats.users} users (${formatTon(stats.credited)} deposited), ` +
        `${stats.nfts} NFTs, ${stats.listings} listings, ${stats.sales} sales, ${stats.presales} presales; ` +
        `dev user ${dev.credited ? "credited and " : ""}given ${stats.devUserNfts} NFTs. Total ${(stats.totalMs / 1000).toFixed(1)} s.`,
    );
  }
} finally {
  await db.close();
}
