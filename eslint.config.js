// One lint config for the monorepo. Besides the usual rules it enforces the layering of SPEC §2:
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
  restrict(["packages/core/**"], ["@gm/api", "@gm/api/*", "@prisma/*", "pg", "**/generated/**"], "core reaches the database through @gm/db only, and never imports the API."),
  restrict(["packages/api/**"], ["@gm/db", "@gm/db/*", "@prisma/*", "pg", "ioredis"], "The API imports core (never Prisma, pg or the db package directly)."),
  restrict(["apps/worker/**"], ["@gm/api", "@gm/api/*", "@gm/web", "next", "next/*"], "The worker uses core, never the API or the web app."),
  restrict(["apps/web/**"], ["@gm/core", "@gm/core/*", "@gm/db", "@gm/db/*", "@prisma/*", "pg", "@gm/redis"], "The web app talks to the API package only."),
  restrict(["packages/observability/**", "packages/redis/**"], ["@gm/core", "@gm/core/*", "@gm/api", "@gm/api/*", "@gm/db", "@gm/db/*"], "Infrastructure packages depend on no domain layer."),
);
