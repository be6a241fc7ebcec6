// The double-entry ledger. Every movement of money is one `postMovement`: its entries sum to
// zero, and user balances change in the same transaction, guarded so they can never go below zero.
// Platform accounts (fees, withdrawals in flight, the outside world) have no stored balance: theirs is
// the sum of their rows, so the hot fee account is never a row every sale must lock.
import type { Tx } from "@gm/db";
import { Enums } from "@gm/db";
import { InsufficientFundsError, notFound } from "../common/errors";
import { formatTon } from "../common/money";

export type MovementKind = keyof typeof Enums.MovementKind;
export type UserAccount = "USER_AVAILABLE" | "USER_LOCKED";
export type PlatformAccount = "PLATFORM_FEES" | "WITHDRAWALS_IN_FLIGHT" | "EXTERNAL";

export type LedgerLine =
  | { account: UserAccount; userId: bigint; amount: bigint }
  | { account: PlatformAccount; amount: bigint };

export interface Movement {
  kind: MovementKind;
  /** What it is about, e.g. "nft:42". */
  reference?: string;
  memo?: string;
  actorId?: bigint;
  lines: LedgerLine[];
}

export interface UserBalance {
  userId: bigint;
  available: bigint;
  locked: bigint;
}

/** Posts a balanced movement and applies it to the users' balances, in the caller's transaction. */
export async function postMovement(tx: Tx, movement: Movement): Promise<{ movementId: bigint; balances: UserBalance[] }> {
  const lines = movement.lines.filter((l) => l.amount !== 0n);
  if (lines.length === 0) throw new Error("a ledger movement needs at least one non-zero line");
  const total = lines.reduce((s, l) => s + l.amount, 0n);
  if (total !== 0n) throw new Error(`unbalanced ledger movement ${movement.kind}: lines sum to ${total}`);

  // Net change per user, applied in ascending id order so concurrent movements never deadlock.
  const deltas = new Map<bigint, { available: bigint; locked: bigint }>();
  for (const l of lines) {
    if (l.account !== "USER_AVAILABLE" && l.account !== "USER_LOCKED") continue;
    const d = deltas.get(l.userId) ?? { available: 0n, locked: 0n };
    if (l.account === "USER_AVAILABLE") d.available += l.amount;
    else d.locked += l.amount;
    deltas.set(l.userId, d);
  }
  const ids = [...deltas.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const accounts = lines.map((l) => l.account);
  const users = lines.map((l) => ("userId" in l ? l.userId.toString() : null));
  const amounts = lines.map((l) => l.amount.toString());

  // One round trip for the common case: the users locked in ascending id order, their guarded balance
  // updates and, only if every user could pay, the movement and its entries. A user who is short leaves
  // the movement unwritten, and the slow path below decides.
  const rows = await tx.$queryRaw<{ id: bigint | null; available: bigint | null; locked: bigint | null; movement_id: bigint | null }[]>`
    WITH locked AS (
      -- LockRows above the sort: every wait happens here, in ascending id order, so two movements over
      -- the same users can never deadlock. The UPDATE then re-checks its guard on the newest row.
      -- NO KEY UPDATE, the lock an UPDATE of non-key columns takes anyway: it does not conflict with the
      -- KEY SHARE locks that inserts referencing the user (idempotency records, activity, entries) hold
      -- until commit. FOR UPDATE would, and one user's parallel calls would deadlock on them.
      SELECT id FROM users WHERE id = ANY(${ids.map(String)}::bigint[]) ORDER BY id FOR NO KEY UPDATE
    ), d AS (
      SELECT * FROM unnest(${ids.map(String)}::bigint[], ${ids.map((id) => deltas.get(id)!.available.toString())}::bigint[],
                           ${ids.map((id) => deltas.get(id)!.locked.toString())}::bigint[]) AS d(id, da, dl)
    ), upd AS (
      UPDATE users u SET available = u.available + d.da, locked = u.locked + d.dl, updated_at = now()
      FROM d WHERE u.id = d.id AND u.id IN (SELECT id FROM locked) AND u.available + d.da >= 0 AND u.locked + d.dl >= 0
      RETURNING u.id, u.available, u.locked
    ), m AS (
      INSERT INTO ledger_movements (kind, reference, memo, actor_id)
      SELECT ${movement.kind}::"MovementKind", ${movement.reference ?? null}, ${movement.memo ?? null}, ${movement.actorId ?? null}::bigint
      WHERE (SELECT count(*) FROM upd) = ${ids.length}
      RETURNING id
    ), e AS (
      INSERT INTO ledger_entries (movement_id, account, user_id, amount)
      SELECT m.id, x.account::"LedgerAccount", x.user_id::bigint, x.amount::bigint
      FROM m, unnest(${accounts}::text[], ${users}::text[], ${amounts}::text[]) AS x(account, user_id, amount)
    )
    SELECT upd.id, upd.available, upd.locked, (SELECT id FROM m) AS movement_id
    FROM (SELECT 1) one LEFT JOIN upd ON true`;
  const balances: UserBalance[] = rows.filter((r) => r.id !== null).map((r) => ({ userId: r.id!, available: r.available!, locked: r.locked! }));
  const movementId = rows[0]?.movement_id;
  if (movementId !== null && movementId !== undefined) return { movementId, balances };

  // Slow path: someone was short (or missing). Apply the rest user by user under row locks, refusing
  // with the user's real balance; if all can pay after all (funds arrived meanwhile), write the movement.
  const done = new Set(balances.map((b) => b.userId));
  for (const userId of ids) {
    if (done.has(userId)) continue;
    const row = await applyAfterLocking(tx, userId, deltas.get(userId)!);
    balances.push({ userId, available: row.available, locked: row.locked });
  }
  const inserted = await tx.$queryRaw<{ id: bigint }[]>`
    WITH m AS (
      INSERT INTO ledger_movements (kind, reference, memo, actor_id)
      VALUES (${movement.kind}::"MovementKind", ${movement.reference ?? null}, ${movement.memo ?? null}, ${movement.actorId ?? null})
      RETURNING id
    ), e AS (
      INSERT INTO ledger_entries (movement_id, account, user_id, amount)
      SELECT m.id, x.account::"LedgerAccount", x.user_id::bigint, x.amount::bigint
      FROM m, unnest(${accounts}::text[], ${users}::text[], ${amounts}::text[]) AS x(account, user_id, amount)
    )
    SELECT id FROM m`;
  return { movementId: inserted[0]!.id, balances };
}

/**
 * The guarded UPDATE matched nothing: the user is missing or short. Under READ COMMITTED a failed guard
 * takes no lock, so funds may have arrived since; lock the row, then apply or refuse on what it holds.
 */
async function applyAfterLocking(tx: Tx, userId: bigint, d: { available: bigint; locked: bigint }): Promise<{ available: bigint; locked: bigint }> {
  const rows = await tx.$queryRaw<{ available: bigint; locked: bigint }[]>`SELECT available, locked FROM users WHERE id = ${userId} FOR NO KEY UPDATE`;
  const row = rows[0];
  if (!row) throw notFound("The user");
  if (row.available + d.available < 0n) {
    throw new InsufficientFundsError(`Not enough balance: ${formatTon(row.available)} available, ${formatTon(-d.available)} needed.`).with({
      available: row.available.toString(),
      needed: (-d.available).toString(),
    });
  }
  if (row.locked + d.locked < 0n) {
    // Locked funds only leave through the hold that put them there: running short is a bug upstream.
    throw new InsufficientFundsError(`Not enough funds on hold: ${formatTon(row.locked)} held, ${formatTon(-d.locked)} needed.`, "INSUFFICIENT_HOLD");
  }
  const updated = await tx.$queryRaw<{ available: bigint; locked: bigint }[]>`
    UPDATE users SET available = available + ${d.available}, locked = locked + ${d.locked}, updated_at = now()
    WHERE id = ${userId} RETURNING available, locked`;
  return updated[0]!;
}

/** Moves funds from a user's available balance to locked (offers, bids, presale escrow, withdrawals). */
export function hold(tx: Tx, userId: bigint, amount: bigint, ref: Omit<Movement, "lines" | "kind"> & { kind?: MovementKind }) {
  return postMovement(tx, {
    kind: ref.kind ?? "HOLD",
    reference: ref.reference,
    memo: ref.memo,
    actorId: ref.actorId,
    lines: [
      { account: "USER_AVAILABLE", userId, amount: -amount },
      { account: "USER_LOCKED", userId, amount },
    ],
  });
}

/** Returns held funds to the user's available balance. */
export function release(tx: Tx, userId: bigint, amount: bigint, ref: Omit<Movement, "lines" | "kind"> & { kind?: MovementKind }) {
  return postMovement(tx, {
    kind: ref.kind ?? "RELEASE",
    reference: ref.reference,
    memo: ref.memo,
    actorId: ref.actorId,
    lines: [
      { account: "USER_LOCKED", userId, amount: -amount },
      { account: "USER_AVAILABLE", userId, amount },
    ],
  });
}

/** Moves available funds from one user to another. */
export function transfer(tx: Tx, from: bigint, to: bigint, amount: bigint, ref: Omit<Movement, "lines" | "kind"> = {}) {
  return postMovement(tx, {
    kind: "TRANSFER",
    ...ref,
    lines: [
      { account: "USER_AVAILABLE", userId: from, amount: -amount },
      { account: "USER_AVAILABLE", userId: to, amount },
    ],
  });
}

/**
 * Many movements at once (expiries, settlements in bulk), in one set-based statement: every user's net
 * change applied under the ledger's lock order, guarded so no balance goes below zero; if any user is
 * short, nothing is written and it throws (callers move only what a hold put there, so that is a bug).
 */
export async function postMany(tx: Tx, movements: Movement[]): Promise<void> {
  const live = movements.map((m) => ({ ...m, lines: m.lines.filter((l) => l.amount !== 0n) })).filter((m) => m.lines.length > 0);
  if (live.length === 0) return;
  const deltas = new Map<bigint, { available: bigint; locked: bigint }>();
  const entry = { n: [] as number[], account: [] as string[], user: [] as (string | null)[], amount: [] as string[] };
  live.forEach((m, i) => {
    if (m.lines.reduce((s, l) => s + l.amount, 0n) !== 0n) throw new Error(`unbalanced ledger movement ${m.kind} (${m.reference ?? "no reference"})`);
    for (const l of m.lines) {
      entry.n.push(i + 1);
      entry.account.push(l.account);
      entry.user.push("userId" in l ? l.userId.toString() : null);
      entry.amount.push(l.amount.toString());
      if (!("userId" in l)) continue;
      const d = deltas.get(l.userId) ?? { available: 0n, locked: 0n };
      if (l.account === "USER_AVAILABLE") d.available += l.amount;
      else d.locked += l.amount;
      deltas.set(l.userId, d);
    }
  });
  const ids = [...deltas.keys()].map(String);
  const rows = await tx.$queryRaw<{ applied: bigint; expected: bigint }[]>`
    WITH locked AS (
      -- The ledger's lock order: every user row, ascending, before any change.
      SELECT id FROM users WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR NO KEY UPDATE
    ), d AS (
      SELECT * FROM unnest(${ids}::bigint[], ${[...deltas.values()].map((d) => d.available.toString())}::bigint[],
                           ${[...deltas.values()].map((d) => d.locked.toString())}::bigint[]) AS d(id, da, dl)
    ), upd AS (
      UPDATE users u SET available = u.available + d.da, locked = u.locked + d.dl, updated_at = now()
      FROM d WHERE u.id = d.id AND u.id IN (SELECT id FROM locked) AND u.available + d.da >= 0 AND u.locked + d.dl >= 0
      RETURNING u.id
    ), ok AS (
      SELECT (SELECT count(*) FROM upd) = ${ids.length} AS ok
    ), x AS MATERIALIZED (
      -- Ids drawn up front, so each entry finds its movement by position.
      SELECT x.*, nextval(pg_get_serial_sequence('ledger_movements', 'id')) AS id
      FROM unnest(${live.map((m) => m.kind)}::text[], ${live.map((m) => m.reference ?? null)}::text[], ${live.map((m) => m.memo ?? null)}::text[],
                  ${live.map((m) => m.actorId?.toString() ?? null)}::bigint[]) WITH ORDINALITY AS x(kind, reference, memo, actor_id, n)
      WHERE (SELECT ok FROM ok)
    ), m AS (
      INSERT INTO ledger_movements (id, kind, reference, memo, actor_id)
      SELECT id, kind::"MovementKind", reference, memo, actor_id FROM x ORDER BY n
    ), e AS (
      INSERT INTO ledger_entries (movement_id, account, user_id, amount)
      SELECT x.id, y.account::"LedgerAccount", y.user_id, y.amount
      FROM unnest(${entry.n}::int[], ${entry.account}::text[], ${entry.user}::bigint[], ${entry.amount}::bigint[]) AS y(n, account, user_id, amount)
      JOIN x ON x.n = y.n
    )
    SELECT (SELECT count(*) FROM upd) AS applied, ${ids.length}::bigint AS expected`;
  if (rows[0]!.applied !== rows[0]!.expected) throw new InsufficientFundsError("Not enough funds on hold to move.", "INSUFFICIENT_HOLD");
}

/** Releases many holds at once: one RELEASE-like movement per item, in one statement (postMany). */
export function releaseMany(tx: Tx, kind: MovementKind, items: { userId: bigint; amount: bigint; reference: string; memo?: string }[]): Promise<void> {
  return postMany(
    tx,
    items.map((i) => ({
      kind,
      reference: i.reference,
      memo: i.memo,
      lines: [
        { account: "USER_LOCKED", userId: i.userId, amount: -i.amount },
        { account: "USER_AVAILABLE", userId: i.userId, amount: i.amount },
      ],
    })),
  );
}

/**
 * A sale paid from a hold: the buyer's locked `price` to the seller minus `fee`, the fee to the platform
 * (an accepted offer, a filled collection offer; auctions and presales settle the same way).
 */
export interface SaleFromHold {
  kind: MovementKind;
  reference: string;
  memo?: string;
  actorId?: bigint;
  buyerId: bigint;
  sellerId: bigint;
  price: bigint;
  fee: bigint;
}

/** The movement of a sale paid from a hold (postMovement posts one, postMany many). */
export function saleFromHold(sale: SaleFromHold): Movement {
  return {
    kind: sale.kind,
    reference: sale.reference,
    memo: sale.memo,
    actorId: sale.actorId,
    lines: [
      { account: "USER_LOCKED", userId: sale.buyerId, amount: -sale.price },
      { account: "USER_AVAILABLE", userId: sale.sellerId, amount: sale.price - sale.fee },
      { account: "PLATFORM_FEES", amount: sale.fee },
    ],
  };
}

export function payFromHold(tx: Tx, sale: SaleFromHold) {
  return postMovement(tx, saleFromHold(sale));
}
