"use client";

import { useLocale, useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "@/lib/trpc";
import { formatDate } from "@/lib/format";

import { ErrorCard, ListSkeleton } from "../ui";
import styles from "./admin.module.css";

export function TasksSection() {
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
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="tasks-table">
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
                  <td className={styles.num}>{task.runs}</td>
                  <td className={styles.num}>{task.failures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
