"use client";

// Operations: what an operator checks first. This API instance's readiness (GET /api/ready, the same
// answer the load balancer gets), the TON API circuit breaker as that readiness reports it, the TON
// pipeline (unfinished withdrawals, when deposits were last read), the worker's background tasks and the
// last 24 hours of business (admin.operations).
import type { AppRouter } from "@gm/api/client";
import { formatTon } from "@gm/api/client";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useTranslations } from "next-intl";

import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard, ListSkeleton } from "../ui";
import styles from "./admin.module.css";
import { TasksSection } from "./tasks-section";
import { useAge } from "./use-age";

type Operations = inferRouterOutputs<AppRouter>["admin"]["operations"];

/** One dependency's check, as /api/ready reports it. */
type Check = { ok: boolean; latencyMs: number; error?: string; informational?: boolean };
type Readiness = { ok: boolean; checks: Record<string, Check> };

/** /api/ready answered something that is not its JSON (a proxy's error page, an old build). */
class ReadinessAnswerError extends Error {
  constructor(readonly status: number) {
    super(`/api/ready answered HTTP ${status}`);
  }
}

function isCheck(v: unknown): v is Check {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.ok === "boolean" && typeof c.latencyMs === "number" && (c.error === undefined || typeof c.error === "string");
}

/** GET /api/ready: 200 when ready, 503 when not, the same JSON either way. */
async function fetchReadiness(): Promise<Readiness> {
  const res = await fetch("/api/ready", { cache: "no-store", headers: { Accept: "application/json" } });
  if (res.status !== 200 && res.status !== 503) throw new ReadinessAnswerError(res.status);
  const body: unknown = await res.json().catch(() => null);
  if (typeof body !== "object" || body === null) throw new ReadinessAnswerError(res.status);
  const { ok, checks } = body as { ok?: unknown; checks?: unknown };
  if (typeof ok !== "boolean" || typeof checks !== "object" || checks === null) throw new ReadinessAnswerError(res.status);
  return { ok, checks: Object.fromEntries(Object.entries(checks).filter((e): e is [string, Check] => isCheck(e[1]))) };
}

/** Readiness, shared by the readiness and breaker cards (one request every 10 seconds). */
function useReadiness() {
  return useQuery({ queryKey: ["admin", "api-ready"], queryFn: fetchReadiness, refetchInterval: 10_000, staleTime: 0, retry: 1 });
}

const CHECK_LABELS = {
  database: "adminCheck_database",
  redis: "adminCheck_redis",
  "cache (in-process)": "adminCheck_cache",
  ton: "adminCheck_ton",
  shutdown: "adminCheck_shutdown",
} as const;

const EVENTS = {
  sale: "adminEvent_sale",
  offer_accepted: "adminEvent_offer_accepted",
  bid: "adminEvent_bid",
  auction_settled: "adminEvent_auction_settled",
  presale_sold: "adminEvent_presale_sold",
  presale_delivered: "adminEvent_presale_delivered",
  deposit_credited: "adminEvent_deposit_credited",
  withdrawal_requested: "adminEvent_withdrawal_requested",
  withdrawal_confirmed: "adminEvent_withdrawal_confirmed",
  withdrawal_refunded: "adminEvent_withdrawal_refunded",
} as const;

/** Past these, the pipeline is shown as a warning: a withdrawal stuck in the worker, a deposit reader that stopped. */
const OLDEST_WITHDRAWAL_WARN_S = 10 * 60;
const DEPOSITS_READ_WARN_S = 2 * 60;
const DAY_MS = 24 * 3600_000;

const has = <K extends string>(map: Record<K, string>, key: string): key is K => Object.hasOwn(map, key);

export function OperationsSection() {
  const t = useTranslations();
  return (
    <section className={styles.group} aria-labelledby="admin-operations" data-testid="admin-operations">
      <div className={styles.groupHead}>
        <h2 id="admin-operations" className={styles.groupTitle}>
          {t("adminOps")}
        </h2>
        <p className="hint small">{t("adminOpsHint")}</p>
      </div>
      <ReadinessCard />
      <BreakerCard />
      <OperationsCards />
      <TasksSection />
    </section>
  );
}

function ReadinessCard() {
  const t = useTranslations();
  const ready = useReadiness();
  const failure = ready.error instanceof ReadinessAnswerError ? t("adminReadyBadAnswer", { status: ready.error.status }) : ready.error ? errorMessage(ready.error, t) : null;
  const checks = ready.data ? Object.entries(ready.data.checks) : [];
  return (
    <section className="card" aria-labelledby="admin-readiness" data-testid="readiness" data-ready={ready.data?.ok}>
      <div className="section-head">
        <h3 id="admin-readiness" className="section-title">
          {t("adminReadiness")}
        </h3>
        {ready.data ? (
          <span className={`badge ${ready.data.ok ? "positive-badge" : "danger"}`} data-testid="readiness-status">
            {ready.data.ok ? t("adminReady") : t("adminNotReady")}
          </span>
        ) : null}
      </div>
      <p className="hint small">{t("adminReadyHint")}</p>
      {ready.isPending ? (
        <div className="skeleton skeleton-line" />
      ) : !ready.data ? (
        <p className="field-error" role="alert" data-testid="readiness-error">
          {failure}
        </p>
      ) : (
        <>
          {failure ? (
            <p className="field-error small" role="alert" data-testid="readiness-error">
              {failure}
            </p>
          ) : null}
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t("adminCheck")}</th>
                  <th>{t("adminCheckStatus")}</th>
                  <th className={styles.end}>{t("adminLatency")}</th>
                </tr>
              </thead>
              {checks.map(([name, check]) => (
                <tbody key={name} className={styles.checkGroup} data-testid="readiness-check" data-check={name} data-ok={check.ok}>
                  <tr>
                    <td className={styles.nameCell}>
                      <span className="row-title">{has(CHECK_LABELS, name) ? t(CHECK_LABELS[name]) : name}</span>
                      {check.informational ? <span className="badge secondary">{t("adminCheckInformational")}</span> : null}
                    </td>
                    <td>
                      <span className={`badge ${check.ok ? "positive-badge" : "danger"} ${styles.badgeFirst}`} data-testid="check-status">
                        {check.ok ? t("adminCheckOk") : t("adminCheckFailed")}
                      </span>
                    </td>
                    <td className={`${styles.num} ${styles.end}`} data-testid="check-latency">
                      {t("adminMs", { ms: check.latencyMs })}
                    </td>
                  </tr>
                  {check.error ? (
                    <tr className={styles.detailRow}>
                      <td colSpan={3} className={`field-error small ${styles.errorText}`} data-testid="check-error">
                        {check.error}
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              ))}
            </table>
          </div>
          {checks.some(([, c]) => c.informational) ? <p className="hint small">{t("adminCheckInformationalHint")}</p> : null}
        </>
      )}
    </section>
  );
}

type BreakerState = "off" | "closed" | "open" | "failing";

/** The breaker as readiness sees it: the TON check passes (closed), is refused at once (open) or fails (failing). */
function breakerOf(check: Check | undefined): BreakerState {
  if (!check) return "off";
  if (check.ok) return "closed";
  return /circuit breaker is (open|isolated)/i.test(check.error ?? "") ? "open" : "failing";
}

const BREAKER_TEXT = {
  off: ["adminBreakerOff", "adminBreakerOffHint", "secondary"],
  closed: ["adminBreakerClosed", "adminBreakerClosedHint", "positive-badge"],
  open: ["adminBreakerOpen", "adminBreakerOpenHint", "danger"],
  failing: ["adminBreakerFailing", "adminBreakerFailingHint", "danger"],
} as const;

function BreakerCard() {
  const t = useTranslations();
  const ready = useReadiness();
  if (!ready.data) return null;
  const ton = ready.data.checks.ton;
  const state = breakerOf(ton);
  const [label, hint, badge] = BREAKER_TEXT[state];
  return (
    <section className="card" aria-labelledby="admin-breaker" data-testid="ton-breaker" data-state={state}>
      <div className="section-head">
        <h3 id="admin-breaker" className="section-title">
          {t("adminBreaker")}
        </h3>
        <span className={`badge ${badge}`} data-testid="ton-breaker-state">
          {t(label)}
        </span>
      </div>
      <p className="hint small">{t(hint)}</p>
      {ton?.error ? <p className={`field-error small ${styles.errorText}`}>{ton.error}</p> : null}
    </section>
  );
}

/** The pipeline and the last 24 hours, from one admin.operations query. */
function OperationsCards() {
  const trpc = useTRPC();
  const ops = useQuery(trpc.admin.operations.queryOptions(undefined, { refetchInterval: 15_000 }));
  if (ops.isPending) return <ListSkeleton rows={3} />;
  if (ops.isError) return <ErrorCard error={ops.error} onRetry={() => void ops.refetch()} />;
  return (
    <>
      <PipelineCard data={ops.data} />
      <Last24hCard data={ops.data} />
    </>
  );
}

function PipelineCard({ data }: { data: Operations }) {
  const t = useTranslations();
  const locale = useLocale();
  const age = useAge();
  const { withdrawalsUnfinished: unfinished, oldestUnfinishedWithdrawalAt: oldest, depositsReadAt, depositsReadAgeSeconds } = data.pipeline;
  // Ages as of the server's clock (since + 24 h is its "now"), not the phone's.
  const serverNow = data.since.getTime() + DAY_MS;
  const oldestAge = oldest ? Math.max(0, (serverNow - oldest.getTime()) / 1000) : null;
  const oldestWarn = oldestAge !== null && oldestAge > OLDEST_WITHDRAWAL_WARN_S;
  const depositsWarn = depositsReadAgeSeconds !== null && depositsReadAgeSeconds > DEPOSITS_READ_WARN_S;
  const stats = [
    ["PENDING", "adminPipelinePending"],
    ["SENDING", "adminPipelineSending"],
    ["SENT", "adminPipelineSent"],
  ] as const;
  return (
    <section className="card" aria-labelledby="admin-pipeline" data-testid="pipeline">
      <h3 id="admin-pipeline" className="section-title">
        {t("adminPipeline")}
      </h3>
      <p className="label small">{t("adminPipelineUnfinished")}</p>
      <div className={styles.stats}>
        {stats.map(([status, label]) => (
          <div key={status} className={styles.stat} data-testid={`pipeline-${status.toLowerCase()}`} data-count={unfinished[status]}>
            <span className={styles.statValue}>{unfinished[status]}</span>
            <span className={styles.statLabel}>{t(label)}</span>
          </div>
        ))}
      </div>
      <div className={styles.pipelineRow} data-testid="pipeline-oldest" data-warn={oldestWarn}>
        <span className="label">{t("adminPipelineOldest")}</span>
        <span className={styles.pipelineValue}>
          {oldest === null || oldestAge === null ? (
            <span className="muted">{t("adminPipelineNone")}</span>
          ) : (
            <>
              <span className={oldestWarn ? styles.warn : undefined}>
                {oldestWarn ? "⚠️ " : null}
                {t("adminAgo", { age: age(oldestAge) })}
              </span>
              <span className="hint small">{oldestWarn ? t("adminPipelineStuck") : formatDate(oldest, locale)}</span>
            </>
          )}
        </span>
      </div>
      <div className={styles.pipelineRow} data-testid="pipeline-deposits" data-warn={depositsWarn}>
        <span className="label">{t("adminPipelineDeposits")}</span>
        <span className={styles.pipelineValue}>
          {depositsReadAt === null || depositsReadAgeSeconds === null ? (
            <span className={styles.warn}>{t("adminNever")}</span>
          ) : (
            <>
              <span className={depositsWarn ? styles.warn : undefined}>
                {depositsWarn ? "⚠️ " : null}
                {t("adminAgo", { age: age(depositsReadAgeSeconds) })}
              </span>
              <span className="hint small">{depositsWarn ? t("adminPipelineStale") : formatDate(depositsReadAt, locale)}</span>
            </>
          )}
        </span>
      </div>
    </section>
  );
}

function Last24hCard({ data }: { data: Operations }) {
  const t = useTranslations();
  const locale = useLocale();
  const byEvent = new Map(data.last24h.map((e) => [e.event, e]));
  // Every known event in a fixed order (0 when it did not happen), then any the server added since.
  const rows = [...Object.keys(EVENTS), ...data.last24h.map((e) => e.event).filter((e) => !has(EVENTS, e))].map((event) => ({
    event,
    count: byEvent.get(event)?.count ?? 0,
    volume: byEvent.get(event)?.volume ?? 0n,
  }));
  return (
    <section className="card" aria-labelledby="admin-last24h" data-testid="last24h">
      <h3 id="admin-last24h" className="section-title">
        {t("adminLast24h")}
      </h3>
      <p className="hint small">{t("adminSince", { date: formatDate(data.since, locale) })}</p>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t("adminEvent")}</th>
              <th className={styles.end}>{t("adminCount")}</th>
              <th className={`${styles.end} ${styles.volume}`}>{t("adminVolume")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.event} data-testid="ops-event" data-event={r.event} data-count={r.count} className={r.count === 0 ? styles.idle : undefined}>
                <td>{has(EVENTS, r.event) ? t(EVENTS[r.event]) : r.event}</td>
                <td className={`${styles.num} ${styles.end}`} data-testid="ops-count">
                  {r.count}
                </td>
                <td className={`${styles.num} ${styles.end} ${styles.volume}`} data-testid="ops-volume">
                  {formatTon(r.volume)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
