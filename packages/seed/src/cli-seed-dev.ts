// `pnpm --filter @gm/core seed`: the development seed on the database at DATABASE_URL.
import { createDatabase, readDbConfig } from "@gm/db";
import { seedDev, DEV_USER } from "./dev-seed";

const db = createDatabase({ ...readDbConfig(), DB_POOL_SIZE: 1, DB_POOL_OVERFLOW: 0 });
try {
  const { credited } = await seedDev(db.prisma);
  console.log(credited ? `Seeded: dev user ${DEV_USER.id} credited 1,000 TON.` : "Seed already applied.");
} finally {
  await db.close();
}
