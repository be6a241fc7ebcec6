// TON Connect's only SQL: a proof payload's single use, and the user's proven wallet.
import { isUniqueViolation, type Db, type Tx } from "@gm/db";

export const tonConnectRepository = {
  /** Records the payload's use; false when it was used before (a replay). */
  async usePayload(tx: Tx, payloadHash: string, userId: bigint): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO ton_proof_payload_uses (payload_hash, user_id) VALUES (${payloadHash}, ${userId})
      ON CONFLICT (payload_hash) DO NOTHING`;
    return inserted === 1;
  },

  /** Forgets uses older than `olderThanMs`: their payloads have expired, so they cannot be replayed anyway. */
  deleteUsesBefore(db: Db, olderThanMs: number): Promise<number> {
    return db.$executeRaw`DELETE FROM ton_proof_payload_uses WHERE used_at < CURRENT_TIMESTAMP - make_interval(secs => ${olderThanMs / 1000}::float8)`;
  },

  /** The other user this wallet is connected to, if any. */
  async ownerOf(tx: Tx, rawAddress: string, except: bigint): Promise<bigint | null> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`SELECT id FROM users WHERE ton_address = ${rawAddress} AND id <> ${except}`;
    return rows[0]?.id ?? null;
  },

  /** Stores (or with null, removes) the proven wallet; "taken" when another user connected it meanwhile. */
  async setWallet(tx: Tx, userId: bigint, rawAddress: string | null): Promise<Date | null | "taken"> {
    try {
      const rows = await tx.$queryRaw<{ at: Date | null }[]>`
        UPDATE users SET ton_address = ${rawAddress},
               ton_address_verified_at = CASE WHEN ${rawAddress}::text IS NULL THEN NULL ELSE now() END, updated_at = now()
        WHERE id = ${userId} RETURNING ton_address_verified_at AS at`;
      return rows[0]?.at ?? null;
    } catch (error) {
      if (isUniqueViolation(error)) return "taken"; // users.ton_address is unique: the race's loser
      throw error;
    }
  },
};
