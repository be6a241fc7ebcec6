// The API's configuration, read from the environment in this one place.
import { z } from "zod";
import { readEnv } from "@gm/config";
import { readMetricsToken } from "@gm/observability/health";
import { createHmac } from "node:crypto";
import { Address } from "@ton/core";
import { DEV_USER, type TonProofConfig } from "@gm/core";

/**
 * The development bot token, public on purpose (README): in development and tests anyone can sign init
 * data with it, so scripts call the API as the Mini App does. Production refuses to start with it.
 */
export const DEV_BOT_TOKEN = "1000000001:DEV-gift-market-not-a-secret";

const csvIds = z
  .string()
  .default("")
  .transform((s, ctx) => {
    const ids = new Set<bigint>();
    for (const part of s.split(",").map((p) => p.trim()).filter(Boolean)) {
      if (!/^\d{1,19}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `ADMIN_TELEGRAM_IDS: "${part}" is not a Telegram user id` });
        return z.NEVER;
      }
      ids.add(BigInt(part));
    }
    return ids;
  });

export const apiEnvShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  BOT_TOKEN: z.string().optional(),
  /** Maximum age of Telegram init data. */
  INIT_DATA_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(3600),
  ADMIN_TELEGRAM_IDS: csvIds,
  /** Calls per minute from one IP before authentication. */
  IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Calls per minute per user and procedure when the procedure sets no limit of its own. */
  USER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** How long a market page is shared between readers (0: never); a listing change ends it at once. */
  SEARCH_PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** The Mini App's public origin (TON Connect manifest); else the request's, as trusted proxies saw it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: "PUBLIC_URL must be an http(s) URL, e.g. https://gifts.example" }).optional(),
  /** The platform wallet's address, where deposits go (the API never holds its keys); derived from the dev wallet outside production. */
  TON_WALLET_ADDRESS: z.string().optional(),
  /** The TON network wallets must be on. */
  TON_NETWORK: z.enum(["testnet", "mainnet"]).default("testnet"),
  /** Host names (host:port) a TON Connect proof may be signed for; default: PUBLIC_URL's host (+ localhost outside production). */
  TON_PROOF_DOMAINS: z.string().default(""),
  /** How long a TON Connect proof payload lives, and how old a proof may be. */
  TON_PROOF_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  /** Development only: serve signed init data for the dev user so the Mini App runs outside Telegram. */
  DEV_TELEGRAM_MOCK: z.stringbool().optional(),
};

export interface ApiConfig {
  production: boolean;
  botToken: string;
  initDataMaxAgeSeconds: number;
  adminIds: ReadonlySet<bigint>;
  ipRateLimitPerMinute: number;
  userRateLimitPerMinute: number;
  searchPageCacheMs: number;
  /** PUBLIC_URL's origin, when set. */
  publicOrigin: string | undefined;
  tonProof: TonProofConfig;
  tonNetwork: "mainnet" | "testnet";
  /** TON_WALLET_ADDRESS, checked; undefined outside production when unset (the dev wallet's is derived). */
  tonWalletAddress: string | undefined;
  devTelegramMock: boolean;
  /** METRICS_TOKEN: /api/metrics needs it as a bearer token; without it only internal addresses may scrape. */
  metricsToken: string | undefined;
}

/** Reads and checks the API config; in production refuses the dev token, a missing token or the mock. */
export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const e = readEnv("API", apiEnvShape, env);
  const production = e.NODE_ENV === "production";
  if (production) {
    if (!e.BOT_TOKEN) throw new Error("BOT_TOKEN is required in production (the token of your Telegram bot).");
    if (e.BOT_TOKEN === DEV_BOT_TOKEN) throw new Error("BOT_TOKEN is the public development token: production needs your bot's real token.");
    if (e.DEV_TELEGRAM_MOCK) throw new Error("DEV_TELEGRAM_MOCK must not be enabled in production.");
  }
  const botToken = e.BOT_TOKEN ?? DEV_BOT_TOKEN;
  const dev = !production && botToken === DEV_BOT_TOKEN;
  return {
    production,
    botToken,
    initDataMaxAgeSeconds: e.INIT_DATA_MAX_AGE_SECONDS,
    // In development the dev user is an admin, so every procedure can be called from a script.
    adminIds: dev ? new Set([...e.ADMIN_TELEGRAM_IDS, DEV_USER.id]) : e.ADMIN_TELEGRAM_IDS,
    ipRateLimitPerMinute: e.IP_RATE_LIMIT_PER_MINUTE,
    userRateLimitPerMinute: e.USER_RATE_LIMIT_PER_MINUTE,
    searchPageCacheMs: e.SEARCH_PAGE_CACHE_MS,
    publicOrigin: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    tonNetwork: e.TON_NETWORK,
    tonWalletAddress: walletAddress(e.TON_WALLET_ADDRESS, e.TON_NETWORK, production),
    tonProof: {
      // Payloads are signed with a key derived from the bot token: a secret production already has.
      secret: createHmac("sha256", botToken).update("gift-market ton_proof payloads").digest("hex"),
      domains: proofDomains(e.TON_PROOF_DOMAINS, e.PUBLIC_URL, production),
      network: e.TON_NETWORK === "mainnet" ? "-239" : "-3",
      maxAgeSeconds: e.TON_PROOF_MAX_AGE_SECONDS,
    },
    devTelegramMock: !production && (e.DEV_TELEGRAM_MOCK ?? true),
    metricsToken: readMetricsToken(env),
  };
}

/** The domains a ton_proof may name: the configured list, else PUBLIC_URL's host; local hosts outside production. */
function proofDomains(list: string, publicUrl: string | undefined, production: boolean): string[] {
  const domains = list.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean);
  if (domains.length === 0 && publicUrl) domains.push(new URL(publicUrl).host.toLowerCase());
  if (!production) domains.push("localhost:3000", "127.0.0.1:3000");
  return [...new Set(domains)];
}

/** TON_WALLET_ADDRESS in the friendly non-bounceable form wallets show; required in production. */
function walletAddress(value: string | undefined, network: "mainnet" | "testnet", production: boolean): string | undefined {
  if (!value) {
    if (production) throw new Error("TON_WALLET_ADDRESS is required in production (the platform wallet's address, where deposits go).");
    return undefined;
  }
  try {
    return Address.parse(value.trim()).toString({ bounceable: false, testOnly: network === "testnet" });
  } catch {
    throw new Error(`TON_WALLET_ADDRESS: "${value}" is not a TON address.`);
  }
}
