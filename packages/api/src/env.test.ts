import { describe, expect, it } from "vitest";
import { DEV_BOT_TOKEN, readApiConfig } from "./env";

describe("API configuration", () => {
  it("uses the public dev token in development, with the dev user as admin", () => {
    const c = readApiConfig({ NODE_ENV: "development" });
    expect(c.botToken).toBe(DEV_BOT_TOKEN);
    expect(c.adminIds.has(1_000_001n)).toBe(true);
    expect(c.devTelegramMock).toBe(true);
  });

  it("refuses to start production without a token, with the dev token, or with the Telegram mock", () => {
    expect(() => readApiConfig({ NODE_ENV: "production" })).toThrow(/BOT_TOKEN is required/);
    expect(() => readApiConfig({ NODE_ENV: "production", BOT_TOKEN: DEV_BOT_TOKEN })).toThrow(/public development token/);
    expect(() => readApiConfig({ NODE_ENV: "production", BOT_TOKEN: "123:real", DEV_TELEGRAM_MOCK: "true" })).toThrow(/DEV_TELEGRAM_MOCK/);
    expect(() => readApiConfig({ NODE_ENV: "production", BOT_TOKEN: "123:real" })).toThrow(/TON_WALLET_ADDRESS is required/);
    expect(() => readApiConfig({ NODE_ENV: "production", BOT_TOKEN: "123:real", TON_WALLET_ADDRESS: "not-an-address" })).toThrow(/not a TON address/);
    const prod = readApiConfig({ NODE_ENV: "production", BOT_TOKEN: "123:real", ADMIN_TELEGRAM_IDS: "42, 43", TON_WALLET_ADDRESS: `0:${"ab".repeat(32)}`, TON_NETWORK: "mainnet" });
    expect(prod.tonWalletAddress).toMatch(/^UQ/); // friendly, non-bounceable, mainnet
    expect(prod.devTelegramMock).toBe(false);
    expect([...prod.adminIds]).toEqual([42n, 43n]);
  });

  it("explains a malformed admin list", () => {
    expect(() => readApiConfig({ ADMIN_TELEGRAM_IDS: "42,bob" })).toThrow(/"bob" is not a Telegram user id/);
  });
});
