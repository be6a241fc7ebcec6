// TON's configuration, read from the environment in this one place (the API and the worker both use it).
import { z } from "zod";
import { readEnv } from "@gm/config";

/**
 * The development hot wallet, public on purpose like the dev bot token: it only ever holds test TON on
 * the local chain. Production refuses to start with it.
 */
export const DEV_WALLET_MNEMONIC =
  "draw trouble spread kingdom right motion guess faith welcome strike random craft stock rally stamp diet satisfy album strong blanket divorce tired space tilt";

export const tonEnvShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** toncenter v2 JSON-RPC endpoint (…/api/v2/jsonRPC); `pnpm dev` starts the local chain when unset. */
  TON_API_ENDPOINT: z.url({ message: "TON_API_ENDPOINT must be a URL, e.g. https://testnet.toncenter.com/api/v2/jsonRPC" }).optional(),
  TON_API_KEY: z.string().optional(),
  /** The platform (hot) wallet's 24 words; W5 (v5r1) on the basechain. */
  TON_WALLET_MNEMONIC: z.string().optional(),
  /** Limit on every TON API call. */
  TON_API_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
};

export interface TonConfig {
  endpoint: string | undefined;
  apiKey: string | undefined;
  mnemonic: string[];
  timeoutMs: number;
}

export function readTonConfig(env: NodeJS.ProcessEnv = process.env): TonConfig {
  const e = readEnv("TON", tonEnvShape, env);
  const production = e.NODE_ENV === "production";
  const words = (e.TON_WALLET_MNEMONIC ?? (production ? "" : DEV_WALLET_MNEMONIC)).trim().split(/\s+/).filter(Boolean);
  if (production) {
    if (!e.TON_API_ENDPOINT) throw new Error("TON_API_ENDPOINT is required in production (a toncenter v2 JSON-RPC endpoint).");
    if (words.join(" ") === DEV_WALLET_MNEMONIC) throw new Error("TON_WALLET_MNEMONIC is the public development wallet: production needs its own.");
  }
  if (words.length !== 24) throw new Error(`TON_WALLET_MNEMONIC must be 24 words (got ${words.length}).`);
  return { endpoint: e.TON_API_ENDPOINT, apiKey: e.TON_API_KEY, mnemonic: words, timeoutMs: e.TON_API_TIMEOUT_MS };
}

/** Only the TON API (no wallet): what a process that reads the chain but never signs needs (the API's readiness). */
export function readTonApiConfig(env: NodeJS.ProcessEnv = process.env): { endpoint: string | undefined; apiKey: string | undefined; timeoutMs: number } {
  const e = readEnv("TON", tonEnvShape, env);
  return { endpoint: e.TON_API_ENDPOINT, apiKey: e.TON_API_KEY, timeoutMs: e.TON_API_TIMEOUT_MS };
}
