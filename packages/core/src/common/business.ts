// Business counters for the metrics: counted once the unit of work commits, so a rollback (a refusal, a
// lost race, a crash) counts nothing, and a replayed idempotency key never reaches here.
import type { UnitOfWork } from "@gm/db";
import { countBusiness, type BusinessEvent } from "@gm/observability/metrics";

export function countOnCommit(uow: Pick<UnitOfWork, "afterCommit">, event: BusinessEvent, ...amounts: bigint[]): void {
  if (amounts.length > 0) uow.afterCommit(() => countBusiness(event, amounts));
}
