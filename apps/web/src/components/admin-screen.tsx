"use client";

import { useLocale, useTranslations } from "next-intl";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { formatTon, parseBigintId } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency";
import { invalidateAfterTrade } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";
import { formatDate } from "@/lib/format";

import { EmptyState, ErrorCard, ListSkeleton } from "./ui";

/** The admin page. Shown only to admins; the server re-checks the role on every call anyway. */
export function AdminScreen() {
  const t = useTranslations();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());

  if (me.isPending) {
    return (
      <main className="screen wide" aria-busy="true">
        <div className="skeleton skeleton-title" />
        <ListSkeleton />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="screen center">
        <ErrorCard error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data.isAdmin) {
    return (
      <main className="screen center">
        <section className="card notice" data-testid="admin-only">
          <div className="empty-icon" aria-hidden="true">
            🔒
          </div>
          <h1 className="title">{t("adminOnly")}</h1>
          <p className="hint">{t("adminOnlyHint")}</p>
        </section>
      </main>
    );
  }
  return (
    <main className="screen wide" data-testid="admin">
      <h1 className="title">{t("adminTitle")}</h1>
      <UsersSection selfId={me.data.id} />
      <CreditSection />
      <FeeSection />
      <TasksSection />
      <AuditSection />
    </main>
  );
}

function UsersSection({ selfId }: { selfId: bigint }) {
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
        <div className="table-wrap">
          <table className="table" data-testid="users-table">
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
                  <td className="num">
                    <div>{formatTon(u.available)}</div>
                    {u.locked > 0n ? <div className="hint small">🔒 {formatTon(u.locked)}</div> : null}
                  </td>
                  <td className="num">{u.nftCount}</td>
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
        <form className="inline-form" onSubmit={confirmBan}>
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

function CreditSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const gifts = useQuery(trpc.admin.gifts.queryOptions());
  const [userId, setUserId] = useState("");
  const [giftId, setGiftId] = useState("");
  const [attrs, setAttrs] = useState<{ model: string; backdrop: string; symbol: string }>({ model: "", backdrop: "", symbol: "" });
  const [error, setError] = useState<string | null>(null);
  // One key per intended credit: a double click re-sends it and credits once; a success starts a new one.
  const [key, setKey] = useState(newIdempotencyKey);
  const credit = useMutation(
    trpc.admin.creditNft.mutationOptions({
      onSuccess: () => {
        setError(null);
        setKey(newIdempotencyKey());
        void invalidateAfterTrade(queryClient);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
      onError: (e) => setError(errorMessage(e, t)),
    }),
  );

  const gift = gifts.data?.find((g) => String(g.id) === giftId);
  const kinds = [
    ["model", "MODEL", t("model")],
    ["backdrop", "BACKDROP", t("backdrop")],
    ["symbol", "SYMBOL", t("symbol")],
  ] as const;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const targetId = parseBigintId(userId);
    if (targetId === null) {
      setError(t("adminInvalidUser"));
      return;
    }
    if (!gift || credit.isPending) return;
    credit.mutate({
      idempotencyKey: key,
      userId: targetId,
      giftId: gift.id,
      ...(attrs.model ? { model: attrs.model } : {}),
      ...(attrs.backdrop ? { backdrop: attrs.backdrop } : {}),
      ...(attrs.symbol ? { symbol: attrs.symbol } : {}),
    });
  };

  const result = credit.data;
  const resultGift = result ? (gifts.data?.find((g) => g.id === (result.giftId ?? gift?.id)) ?? gift) : undefined;
  return (
    <section className="card" aria-labelledby="admin-credit">
      <h2 id="admin-credit" className="section-title">
        {t("adminCredit")}
      </h2>
      <p className="hint">{t("adminCreditHint")}</p>
      {gifts.isError ? (
        <ErrorCard error={gifts.error} onRetry={() => void gifts.refetch()} inline />
      ) : (
        <form className="form" onSubmit={submit}>
          <label className="field">
            <span className="label">{t("adminUserId")}</span>
            <input className="input" inputMode="numeric" value={userId} onChange={(e) => { setUserId(e.target.value); setError(null); setKey(newIdempotencyKey()); }} data-testid="credit-user" required />
          </label>
          <label className="field">
            <span className="label">{t("adminCollection")}</span>
            <select className="select full" value={giftId} onChange={(e) => { setGiftId(e.target.value); setAttrs({ model: "", backdrop: "", symbol: "" }); setKey(newIdempotencyKey()); }} data-testid="credit-gift" required disabled={gifts.isPending}>
              <option value="">{gifts.isPending ? t("loading") : t("adminChoose")}</option>
              {gifts.data?.map((g) => (
                <option key={g.id} value={String(g.id)}>
                  {g.glyph} {g.title} ({g.minted}/{g.supply})
                </option>
              ))}
            </select>
          </label>
          {gift
            ? kinds.map(([field, kind, label]) => (
                <label key={field} className="field">
                  <span className="label">{label}</span>
                  <select className="select full" value={attrs[field]} onChange={(e) => { setAttrs({ ...attrs, [field]: e.target.value }); setKey(newIdempotencyKey()); }} data-testid={`credit-${field}`}>
                    <option value="">{t("adminAny")}</option>
                    {gift.attributes
                      .filter((a) => a.kind === kind)
                      .map((a) => (
                        <option key={a.name} value={a.name}>
                          {a.name} ({(a.rarityPermille / 10).toFixed(1)}%)
                        </option>
                      ))}
                  </select>
                </label>
              ))
            : null}
          <button type="submit" className="button" disabled={credit.isPending || !gift} data-testid="credit-submit">
            {credit.isPending ? t("loading") : t("adminCreditSubmit")}
          </button>
        </form>
      )}
      {error ? (
        <p className="field-error" role="alert" data-testid="credit-error">
          {error}
        </p>
      ) : null}
      {result && !error ? (
        <p className="success" data-testid="credit-result" data-nft-id={result.id.toString()} data-nft-number={result.number}>
          {t("adminCredited", { name: `${resultGift?.title ?? ""} #${result.number}`.trim(), user: userId.trim() })}
          {` · ${result.model} · ${result.backdrop} · ${result.symbol}`}
        </p>
      ) : null}
    </section>
  );
}

/** bps ↔ "5.00" (percent with two decimals), integer math only. */
function bpsToPercent(bps: number): string {
  return `${Math.trunc(bps / 100)}.${String(bps % 100).padStart(2, "0")}`;
}
function percentToBps(text: string): number | null {
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bps <= 5000 ? bps : null;
}

function FeeSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const update = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.admin.settings.queryKey(), data);
        setText(null);
        setMessage({ ok: true, text: t("saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
      },
      onError: (e) => setMessage({ ok: false, text: errorMessage(e, t) }),
    }),
  );
  const value = text ?? (settings.data ? bpsToPercent(settings.data.feeBps) : "");
  return (
    <section className="card" aria-labelledby="admin-fee">
      <h2 id="admin-fee" className="section-title">
        {t("adminFee")}
      </h2>
      {settings.isPending ? (
        <div className="skeleton skeleton-line" />
      ) : settings.isError ? (
        <ErrorCard error={settings.error} onRetry={() => void settings.refetch()} inline />
      ) : (
        <form
          className="row-inputs"
          onSubmit={(e) => {
            e.preventDefault();
            const bps = percentToBps(value);
            if (bps === null) {
              setMessage({ ok: false, text: t("adminFeeInvalid") });
              return;
            }
            update.mutate({ feeBps: bps });
          }}
        >
          <input className="input" inputMode="decimal" value={value} onChange={(e) => { setText(e.target.value); setMessage(null); }} aria-label={t("adminFee")} data-testid="fee-input" />
          <span className="hint">% ({percentToBps(value) ?? "—"} bps)</span>
          <button type="submit" className="button compact" disabled={update.isPending} data-testid="fee-save">
            {t("save")}
          </button>
        </form>
      )}
      <p className="hint small">{t("adminFeeHint")}</p>
      {message ? (
        <p className={message.ok ? "success" : "field-error"} role="status">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

function TasksSection() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const tasks = useQuery(trpc.admin.tasks.queryOptions(undefined, { refetchInterval: 15_000 }));
  const when = (d: Date | null) => (d ? formatDate(d, locale) : t("adminNever"));
  return (
    <section className="card" aria-labelledby="admin-tasks">
      <h2 id="admin-tasks" className="section-title">
        {t("adminTasks")}
      </h2>
      {tasks.isPending ? (
        <ListSkeleton rows={2} />
      ) : tasks.isError ? (
        <ErrorCard error={tasks.error} onRetry={() => void tasks.refetch()} inline />
      ) : tasks.data.length === 0 ? (
        <p className="hint">{t("adminTasksEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="tasks-table">
            <thead>
              <tr>
                <th />
                <th>{t("adminLastRun")}</th>
                <th>{t("adminLastSuccess")}</th>
                <th>{t("adminRuns")}</th>
                <th>{t("adminFailures")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.map((task) => (
                <tr key={task.name}>
                  <td>
                    <div className="row-title">
                      {task.consecutiveFailures > 0 ? "🔴" : task.lastSuccessAt ? "🟢" : "⚪"} {task.name}
                    </div>
                    {task.lastError && task.consecutiveFailures > 0 ? <div className="field-error small">{task.lastError}</div> : null}
                  </td>
                  <td>{when(task.lastRunAt)}</td>
                  <td>{when(task.lastSuccessAt)}</td>
                  <td className="num">{task.runs}</td>
                  <td className="num">{task.failures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AuditSection() {
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
                {r.data ? <code className="audit-data">{JSON.stringify(r.data)}</code> : null}
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
