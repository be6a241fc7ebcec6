import type { NextConfig } from "next";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pnpm dev` is opened as localhost or 127.0.0.1 alike: Next.js blocks its dev scripts for any origin
  // but localhost unless listed, and the Mini App would never boot on 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  // Internal packages are consumed from TypeScript source.
  transpilePackages: ["@gm/api", "@gm/core", "@gm/db", "@gm/redis", "@gm/observability"],
  // Native drivers, loggers with worker threads and metric registries must stay Node modules
  // (one instance per process, not one per bundle).
  serverExternalPackages: [
    "pg",
    "pino",
    "pino-pretty",
    "@prisma/client",
    "@prisma/adapter-pg",
    "ioredis",
    "redlock",
    "rate-limiter-flexible",
    "prom-client",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
  ],
  turbopack: {
    resolveAlias: {
      // tsconfig.base.json maps "redlock" to its type declarations for the type checker (redlock 5 beta
      // ships types its package exports do not point to). Turbopack honours tsconfig paths too, so
      // point the bundler at the real ES module explicitly.
      redlock: "../../packages/redis/node_modules/redlock/dist/esm/index.js",
    },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Cache-Control", value: "no-store" }],
      },
    ];
  },
};

export default nextConfig;
