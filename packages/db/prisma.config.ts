// Prisma CLI config: the schema lives at the repository's top level. Only `generate` uses the
// CLI here; migrations run through scripts/migrate.mjs (Prisma's WebAssembly engine; README.md, "Database migrations").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
});
