"use client";

import { useTranslations } from "next-intl";
import { backButton } from "@tma.js/sdk-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useEffect } from "react";

import { useIsMockedTelegram } from "@/lib/telegram/env";
import styles from "./app-shell.module.css";

const TABS = [
  { href: "/", key: "tabMarket", icon: "🛍️" },
  { href: "/auctions", key: "tabAuctions", icon: "🔨" },
  { href: "/presales", key: "tabPresales", icon: "⏳" },
  { href: "/activity", key: "tabActivity", icon: "📈" },
  { href: "/profile", key: "tabProfile", icon: "👤" },
] as const;

const isTab = (path: string) => TABS.some((tab) => tab.href === path);

/** Tab bar on the top-level screens; Telegram's BackButton (and an in-page one outside Telegram) on inner pages. */
export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const t = useTranslations();
  const mocked = useIsMockedTelegram();
  const inner = !isTab(pathname);

  useEffect(() => {
    if (!inner) {
      backButton.hide.ifAvailable();
      return;
    }
    backButton.show.ifAvailable();
    const goBack = () => {
      if (window.history.length > 1) router.back();
      else router.push("/");
    };
    const off = backButton.onClick.ifAvailable(goBack);
    return () => {
      if (off.ok) off.data();
    };
  }, [inner, router]);

  return (
    <>
      {inner && mocked ? (
        <button type="button" className={styles.backLink} data-testid="back" onClick={() => (window.history.length > 1 ? router.back() : router.push("/"))}>
          ‹
        </button>
      ) : null}
      <div className={inner ? (mocked ? `${styles.page} ${styles.withBack}` : styles.page) : `${styles.page} ${styles.withTabs}`}>{children}</div>
      {inner ? null : (
        <nav className={styles.tabBar} aria-label="Gift Market">
          {TABS.map((tab) => (
            <Link key={tab.href} href={tab.href} className={pathname === tab.href ? "tab-link active" : "tab-link"} aria-current={pathname === tab.href ? "page" : undefined} data-testid={`nav-${tab.key}`}>
              <span className={styles.tabIcon} aria-hidden="true">
                {tab.icon}
              </span>
              <span>{t(tab.key)}</span>
            </Link>
          ))}
        </nav>
      )}
    </>
  );
}
