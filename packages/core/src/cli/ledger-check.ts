// `pnpm ledger:check`: proves the money invariant on the database at DATABASE_URL; exits 1 on any drift.
import { createDatabase, readDbConfig } from "@gm/db";
import { formatTon } from "../common/money";
import { checkLedger } from "../ledger/ledger-check";

const db = createDatabase({ ...readDbConfig(), DB_POOL_SIZE: 1, DB_POOL_OVERFLOW: 0 });
try {
  const report = await checkLedger(db.prisma);
  const line = (k: string, v: bigint) => console.log(`  ${k.padEnd(22)} ${formatTon(v)}`);
  console.log(`Ledger: ${report.users} users, ${report.movements} movements`);
  for (const [account, total] of Object.entries(report.totals)) line(account, total);
  line("sum of all rows", report.grandTotal);
  for (const d of report.userDrift) {
    console.error(`DRIFT user ${d.userId}: available ${d.available} vs ledger ${d.ledgerAvailable}, locked ${d.locked} vs ledger ${d.ledgerLocked}`);
  }
  for (const m of report.unbalancedMovements) console.error(`UNBALANCED movement ${m.movementId}: sums to ${m.sum}`);
  for (const id of report.negativeBalances) console.error(`NEGATIVE balance for user ${id}`);
  for (const h of report.unbackedHolds) console.error(`UNBACKED HOLD user ${h.userId}: ${formatTon(h.locked)} locked, open commitments hold ${formatTon(h.committed)}`);
  if (report.grandTotal !== 0n) console.error(`The books do not close: all rows sum to ${report.grandTotal}`);
  console.log(report.ok ? "OK: every balance equals its ledger rows, every hold its open commitments, and the books close at zero." : "FAILED: the ledger has drifted.");
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await db.close();
}
