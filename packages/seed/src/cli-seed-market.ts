// `pnpm --filter @gm/core seed:market` (dev size) and `seed:bench` (1M NFTs): fills the market at
// DATABASE_URL with the catalog, users, NFTs, listings and sales history, printing each phase's timing.
// `--reset` wipes market, user and ledger data first (development and bench databases only).
import { parseArgs } from "node:util";
import { createDatabase, readDbConfig } from "@gm/db";
import { SEED_SIZES, seedMarket, type SeedSize } from "./seed-market";
import { seedDev } from "./dev-seed";
import { formatTon } from "@gm/core";

const { values } = parseArgs({ options: { size: { type: "string", default: "dev" }, reset: { type: "boolean", default: false }, "no-vacuum": { type: "boolean", default: false } } });
const size = values.size as SeedSize;
if (!(size in SEED_SIZES)) {
  console.error(`Unknown --size ${values.size}: use dev or bench.`);
  process.exit(2);
}

// One connection, no statement limit: the bench size runs statements longer than the API would allow.
const db = createDatabase({ ...readDbConfig(), DB_POOL_SIZE: 1, DB_POOL_OVERFLOW: 0, DB_STATEMENT_TIMEOUT_MS: 0 });
try {
  console.log(`Seeding the market (${size}): ${JSON.stringify(SEED_SIZES[size])}${values.reset ? ", reset first" : ""}`);
  const stats = await seedMarket(db.prisma, {
    ...SEED_SIZES[size],
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
