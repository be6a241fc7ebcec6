-- The key is claimed first in every money transaction; the FK check's KEY SHARE lock on the user's row,
-- held to commit, made the ledger's ordered row locks deadlock one user's parallel purchases.
-- DropForeignKey
ALTER TABLE "idempotency_records" DROP CONSTRAINT "idempotency_records_user_id_fkey";
