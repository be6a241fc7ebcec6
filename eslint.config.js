// One lint config for the monorepo. Besides the usual rules it enforces the layering of docs/architecture.md:
// apps → api → core → db, and the worker never imports the API or the web app.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// A package is imported only through its public entry (package.json exports), never by path.
const deepImports = ["@gm/*/src/*", "**/packages/*/src/**", "**/apps/*/src/**"];
const restrict = (files, patterns, why) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...patterns.map((group) => ({ group: [group], message: why })),
          { group: deepImports, message: "Import a package through its public entry (package.json exports)." },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/generated/**", "**/next-env.d.ts", "**/.data/**", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  { files: ["apps/web/**/*.{ts,tsx}"], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  // Layering: each layer imports only those below it, and a package only through its public entry.
  restrict(["packages/db/**"], ["@gm/core", "@gm/core/*", "@gm/api", "@gm/api/*", "@gm/redis"], "packages/db is the bottom layer: it imports no other layer."),
  restrict(["packages/core/**"], ["@gm/api", "@gm/api/*", "@gm/seed", "@prisma/*", "pg", "**/generated/**"], "core reaches the database through @gm/db only, and never imports the API."),
  // In core, SQL and Prisma live in repositories (docs/architecture.md): a use case may import @gm/db's
  // types, never its values, and calls no query method itself.
  {
    files: ["packages/core/src/**/*.ts"],
    ignores: ["packages/core/src/**/*-repository.ts", "packages/core/src/**/*.test.ts", "packages/core/src/testing/**", "packages/core/src/cli/**",
      // The ledger's service is its own repository: a movement is one statement (docs/money.md).
      "packages/core/src/ledger/ledger-service.ts", "packages/core/src/ledger/ledger-check.ts",
      // The executors open units of work; db-faults classifies the database's errors; search-sql builds SQL text.
      "packages/core/src/common/execute.ts", "packages/core/src/common/db-faults.ts", "packages/core/src/market/search-sql.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [{ name: "@gm/db", allowTypeImports: true, message: "Only repositories use @gm/db's values; import its types with `import type`." }] }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)$/]", message: "SQL belongs in the feature's repository." },
        {
          selector: "CallExpression[callee.property.name=/^(findMany|findUnique|findFirst|findUniqueOrThrow|findFirstOrThrow|createMany|updateMany|upsert|deleteMany|groupBy|aggregate)$/]",
          message: "Prisma queries belong in the feature's repository.",
        },
      ],
    },
  },
  restrict(["packages/api/**"], ["@gm/db", "@gm/db/*", "@prisma/*", "pg", "ioredis", "@gm/seed"], "The API imports core (never Prisma, pg, the db package or the seeds directly)."),
  // The API's composition root builds the database; nothing else in the API touches it.
  restrict(["packages/api/src/runtime.ts", "packages/api/src/**/*.test.ts", "packages/api/src/testing/**"], ["@prisma/*", "pg", "ioredis"], "The API's composition root may build the database, nothing more."),
  restrict(["apps/worker/**"], ["@gm/api", "@gm/api/*", "@gm/web", "next", "next/*", "@gm/seed"], "The worker uses core, never the API, the web app or the seeds."),
  restrict(["apps/web/**"], ["@gm/core", "@gm/core/*", "@gm/db", "@gm/db/*", "@prisma/*", "pg", "@gm/redis", "@gm/seed"], "The web app talks to the API package only."),
  restrict(["packages/observability/**", "packages/redis/**", "packages/config/**"], ["@gm/core", "@gm/core/*", "@gm/api", "@gm/api/*", "@gm/db", "@gm/db/*"], "Infrastructure packages depend on no domain layer."),
);
