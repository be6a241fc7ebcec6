"use client";

import { useTranslations } from "next-intl";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { formatTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard, ListSkeleton } from "../ui";
import styles from "./admin.module.css";

export function UsersSection({ selfId }: { selfId: bigint }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const [banning, setBanning] = useState<{ userId: bigint; banned: boolean } | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const users = useInfiniteQuery(trpc.admin.users.infiniteQueryOptions({ limit: 20, ...(query ? { query } : {}) }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const setBanned = useMutation(
    trpc.admin.setBanned.mutationOptions({
      onSuccess: () => {
        setBanning(null);
        setReason("");
        setError(null);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.users.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
      },
      onError: (e) => setError(errorMessage(e, t)),
    }),
  );

  const confirmBan = (e: FormEvent) => {
    e.preventDefault();
    if (!banning) return;
    if (reason.trim().length < 3) {
      setError(t("adminReasonShort"));
      return;
    }
    setBanned.mutate({ userId: banning.userId, banned: banning.banned, reason: reason.trim() });
  };

  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="admin-users">
      <h2 id="admin-users" className="section-title">
        {t("adminUsers")}
      </h2>
      <form
        className="row-inputs"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(draft.trim());
        }}
      >
        <input className="input" type="search" placeholder={t("adminSearch")} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="user-search" maxLength={64} />
        <button type="submit" className="button compact">
          🔍
        </button>
      </form>
      {users.isPending ? (
        <ListSkeleton rows={3} />
      ) : users.isError ? (
        <ErrorCard error={users.error} onRetry={() => void users.refetch()} inline />
      ) : rows.length === 0 ? (
        <p className="hint">{t("adminNoUsers")}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="users-table">
            <thead>
              <tr>
                <th>{t("adminUser")}</th>
                <th>{t("adminBalance")}</th>
                <th>{t("adminGifts")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id.toString()} data-testid="user-row">
                  <td>
                    <div className="row-title">
                      {u.firstName} {u.lastName ?? ""}
                      {u.role === "ADMIN" ? <span className="badge">{t("adminAdmin")}</span> : null}
                      {u.isBanned ? <span className="badge danger">{t("adminBanned")}</span> : null}
                    </div>
                    <div className="hint small">
                      {u.id.toString()}
                      {u.username ? ` · @${u.username}` : ""}
                    </div>
                  </td>
                  <td className={styles.num}>
                    <div>{formatTon(u.available)}</div>
                    {u.locked > 0n ? <div className="hint small">🔒 {formatTon(u.locked)}</div> : null}
                  </td>
                  <td className={styles.num}>{u.nftCount}</td>
                  <td>
                    {u.id === selfId ? null : (
                      <button type="button" className={u.isBanned ? "button compact secondary" : "button compact danger"} onClick={() => { setBanning({ userId: u.id, banned: !u.isBanned }); setReason(""); setError(null); }}>
                        {u.isBanned ? t("adminUnban") : t("adminBan")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users.hasNextPage ? (
        <button type="button" className="button secondary full" disabled={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
          {t("adminLoadMore")}
        </button>
      ) : null}
      {banning ? (
        <form className={styles.inlineForm} onSubmit={confirmBan}>
          <p className="row-title">
            {banning.banned ? t("adminBan") : t("adminUnban")}: {banning.userId.toString()}
          </p>
          <input className="input" placeholder={t("adminReason")} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus data-testid="ban-reason" />
          <div className="sheet-actions">
            <button type="button" className="button secondary" onClick={() => setBanning(null)}>
              {t("cancel")}
            </button>
            <button type="submit" className={banning.banned ? "button danger" : "button"} disabled={setBanned.isPending} data-testid="ban-submit">
              {banning.banned ? t("adminBan") : t("adminUnban")}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
