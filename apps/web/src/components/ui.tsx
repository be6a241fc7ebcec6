"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef } from "react";

import { errorMessage } from "@/lib/errors";
import cardStyles from "./nft-card.module.css";
import styles from "./ui.module.css";

export function ErrorCard({ error, onRetry, inline = false }: { error: unknown; onRetry?: () => void; inline?: boolean }) {
  const t = useTranslations();
  return (
    <div className={inline ? "notice" : "card notice"} role="alert" data-testid="error-state">
      {inline ? null : <h2 className="title">{t("errorTitle")}</h2>}
      <p className="hint">{errorMessage(error, t)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t("retry")}
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, hint, testId, children }: { title: string; hint?: string; testId?: string; children?: ReactNode }) {
  return (
    <div className={`card notice ${styles.emptyState}`} data-testid={testId}>
      <div className="empty-icon" aria-hidden="true">
        🎁
      </div>
      <p className={styles.emptyTitle}>{title}</p>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </div>
  );
}

export function GridSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div className="grid" aria-busy="true">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={cardStyles.nftCard}>
          <div className={`skeleton ${styles.skeletonArt}`} />
          <div className="skeleton skeleton-line" style={{ width: "70%", marginTop: 8 }} />
          <div className="skeleton skeleton-line" style={{ width: "40%" }} />
        </div>
      ))}
    </div>
  );
}

export function ListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="card list" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="list-row">
          <div className="skeleton skeleton-line" style={{ width: "55%" }} />
          <div className="skeleton skeleton-line" style={{ width: "20%" }} />
        </div>
      ))}
    </div>
  );
}

/** A bottom sheet (modal dialog): closes on the backdrop, Escape or the close button. */
export function Sheet({ open, title, onClose, closeLabel, children, testId }: { open: boolean; title: string; onClose: () => void; closeLabel: string; children: ReactNode; testId?: string }) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);
  if (!open) return null;
  return (
    <div className={styles.sheetBackdrop} onClick={onClose}>
      <div className="sheet" role="dialog" aria-modal="true" aria-label={title} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <div className={styles.sheetHeader}>
          <h2 className={styles.sheetTitle}>{title}</h2>
          <button type="button" className={styles.iconButton} aria-label={closeLabel} onClick={onClose}>
            ✕
          </button>
        </div>
        <div className="sheet-body">{children}</div>
      </div>
    </div>
  );
}

/** Segmented tabs. */
export function Tabs<K extends string>({ value, onChange, items }: { value: K; onChange: (k: K) => void; items: { key: K; label: string }[] }) {
  return (
    <div className="tabs" role="tablist">
      {items.map((it) => (
        <button key={it.key} type="button" role="tab" aria-selected={value === it.key} className={value === it.key ? "tab active" : "tab"} onClick={() => onChange(it.key)} data-testid={`tab-${it.key}`}>
          {it.label}
        </button>
      ))}
    </div>
  );
}

/**
 * Infinite scroll: a sentinel at the end of a list that calls `onVisible` when it comes within 400px of
 * the viewport (IntersectionObserver), and again after each page while it stays visible.
 */
export function LoadMoreSentinel({ enabled, loading, onVisible, loadingText, endText }: { enabled: boolean; loading: boolean; onVisible: () => void; loadingText: string; endText?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || loading) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) callback.current();
    }, { rootMargin: "400px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [enabled, loading]);
  return (
    <div ref={ref} className={styles.sentinel} data-testid="load-more">
      {loading ? <p className="hint center-text">{loadingText}</p> : !enabled && endText ? <p className="hint center-text">{endText}</p> : null}
    </div>
  );
}

/** A form's outcome: saved (or sent), or why not. */
export function StatusMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p className={message.ok ? "success" : "field-error"} role="status">
      {message.text}
    </p>
  );
}
