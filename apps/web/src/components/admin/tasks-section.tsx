"use client";

import { useLocale, useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "@/lib/trpc";
import { formatDate } from "@/lib/format";

import { ErrorCard, ListSkeleton } from "../ui";
import styles from "./admin.module.css";
import { useAge } from "./use-age";

/**
 * The worker's background tasks (part of Operations): each one's last success, the failures in a row
 * that are still going on, totals, and its last error (in red while it keeps failing).
 */
export function TasksSection() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const age = useAge();
  const tasks = useQuery(trpc.admin.tasks.queryOptions(undefined, { refetchInterval: 15_000 }));
  const when = (d: Date | null) => (d ? formatDate(d, locale) : t("adminNever"));
  return (
    <section className="card" aria-labelledby="admin-tasks" data-testid="admin-tasks">
      <h3 id="admin-tasks" className="section-title">
        {t("adminTasks")}
      </h3>
      {tasks.isPending ? (
        <ListSkeleton rows={2} />
      ) : tasks.isError ? (
        <ErrorCard error={tasks.error} onRetry={() => void tasks.refetch()} inline />
      ) : tasks.data.length === 0 ? (
        <p className="hint">{t("adminTasksEmpty")}</p>
      ) : (
        <ul className="list" data-testid="tasks-list">
          {tasks.data.map((task) => {
            const failing = task.consecutiveFailures > 0;
            return (
              <li key={task.name} className={styles.task} data-testid="task-row" data-task={task.name} data-failing={failing}>
                <div className={styles.taskHead}>
                  <span className="row-title">
                    {failing ? "🔴" : task.lastSuccessAt ? "🟢" : "⚪"} {task.name}
                  </span>
                  <span className="hint small">{t("adminTaskEvery", { age: age(task.intervalMs / 1000) })}</span>
                </div>
                <dl className={styles.facts}>
                  <div>
                    <dt>{t("adminLastSuccess")}</dt>
                    <dd>{when(task.lastSuccessAt)}</dd>
                  </div>
                  <div>
                    <dt>{t("adminLastRun")}</dt>
                    <dd>{when(task.lastRunAt)}</dd>
                  </div>
                  <div>
                    <dt>{t("adminTaskStreak")}</dt>
                    <dd className={failing ? styles.warn : undefined} data-testid="task-streak">
                      {task.consecutiveFailures}
                    </dd>
                  </div>
                  <div>
                    <dt>{t("adminTaskFailedRuns")}</dt>
                    <dd>{t("adminTaskFailuresOf", { failures: task.failures, runs: task.runs })}</dd>
                  </div>
                </dl>
                {task.lastError ? (
                  <p className={failing ? `field-error small ${styles.errorText}` : `${styles.auditData} ${styles.errorText}`} data-testid="task-last-error">
                    {task.lastErrorAt ? `${t("adminTaskLastError", { date: formatDate(task.lastErrorAt, locale) })}: ` : null}
                    {task.lastError}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
