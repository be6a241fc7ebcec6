"use client";

import { useLocale, useTranslations } from "next-intl";
import { useInfiniteQuery } from "@tanstack/react-query";

import { useTRPC } from "@/lib/trpc";
import { formatDate } from "@/lib/format";

import { EmptyState, ErrorCard, ListSkeleton } from "../ui";
import styles from "./admin.module.css";

export function AuditSection() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const audit = useInfiniteQuery(trpc.admin.auditLog.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="admin-audit">
      <h2 id="admin-audit" className="section-title">
        {t("adminAudit")}
      </h2>
      {audit.isPending ? (
        <ListSkeleton rows={3} />
      ) : audit.isError ? (
        <ErrorCard error={audit.error} onRetry={() => void audit.refetch()} inline />
      ) : rows.length === 0 ? (
        <EmptyState title={t("adminAuditEmpty")} />
      ) : (
        <ul className="list" data-testid="audit-log">
          {rows.map((r) => (
            <li key={r.id.toString()} className="list-row audit-row">
              <span className="grow">
                <span className="row-title">
                  <code>{r.action}</code> {r.targetType ? `${r.targetType}:${r.targetId ?? ""}` : ""}
                </span>
                <span className="hint small">
                  {formatDate(r.createdAt, locale)}
                  {r.actorId ? ` · ${r.actorId.toString()}` : ""}
                </span>
                {r.data ? <code className={styles.auditData}>{JSON.stringify(r.data)}</code> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {audit.hasNextPage ? (
        <button type="button" className="button secondary full" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          {t("adminLoadMore")}
        </button>
      ) : null}
    </section>
  );
}
