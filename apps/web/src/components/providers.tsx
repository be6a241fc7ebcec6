"use client";

import type { AppRouter } from "@gm/api/client";
import { transformer } from "@gm/api/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { themeParams, useSignal } from "@tma.js/sdk-react";
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from "@trpc/client";
import { type ReactNode, useEffect, useState } from "react";

import { I18nProvider } from "@/i18n/provider";
import { type TelegramBoot, bootTelegram, rawInitData, telegramLanguage } from "@/lib/telegram/init";
import { TelegramEnvProvider } from "@/lib/telegram/env";
import { TRPCProvider } from "@/lib/trpc";

import { BootScreen } from "./boot-screen";

/** Client-side root: Telegram SDK, the language, then the tRPC/React Query clients (TON Connect loads with the wallet area). */
export function Providers({ children }: { children: ReactNode }) {
  const [boot, setBoot] = useState<TelegramBoot | null>(null);

  useEffect(() => {
    let active = true;
    void bootTelegram().then((result) => {
      if (active) setBoot(result);
    });
    return () => {
      active = false;
    };
  }, []);

  if (boot === null) return <BootScreen state="loading" />;
  if (boot.status === "outside-telegram") return <BootScreen state="outside-telegram" />;
  if (boot.status === "failed") return <BootScreen state="failed" />;
  return (
    <TelegramEnvProvider mocked={boot.mocked}>
      <I18nProvider telegramLanguage={telegramLanguage()}>
        <AppClients>{children}</AppClients>
      </I18nProvider>
    </TelegramEnvProvider>
  );
}

function AppClients({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            refetchOnWindowFocus: false,
            // Inputs carry BigInt (ids, prices): hash query keys with them as strings.
            queryKeyHashFn: hashKeyWithBigInt,
            retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
          },
        },
      }),
  );
  const [trpcClient] = useState(() => {
    const common = {
      url: "/api/trpc",
      transformer,
      headers() {
        const raw = rawInitData();
        return raw ? { Authorization: `tma ${raw}` } : {};
      },
    };
    return createTRPCClient<AppRouter>({
      links: [
        // The market's filters (every collection with its attributes) are the largest answer and no
        // screen waits on them to show its content: fetched on their own, so the grid's batch does not
        // wait for them on a slow connection.
        splitLink({ condition: (op) => op.path === "market.filters", true: httpLink(common), false: httpBatchLink(common) }),
      ],
    });
  });
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ColorScheme />
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** Keeps the document's color-scheme in step with Telegram's theme (light or dark). */
function ColorScheme() {
  const isDark = useSignal(themeParams.isDark);
  useEffect(() => {
    document.documentElement.style.colorScheme = isDark ? "dark" : "light";
    document.documentElement.dataset.theme = isDark ? "dark" : "light";
  }, [isDark]);
  return null;
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const data: unknown = error.data;
  const code = typeof data === "object" && data !== null && "code" in data ? data.code : undefined;
  return code === undefined || code === "INTERNAL_SERVER_ERROR" || code === "SERVICE_UNAVAILABLE";
}

/** React Query's stable key hash (sorted object keys), but BigInt-safe: `12n` hashes as "12n". */
function hashKeyWithBigInt(queryKey: readonly unknown[]): string {
  return JSON.stringify(queryKey, (_key, value: unknown) => {
    if (typeof value === "bigint") return `${value.toString()}n`;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
      const obj = value as Record<string, unknown>;
      return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
    }
    return value;
  });
}
