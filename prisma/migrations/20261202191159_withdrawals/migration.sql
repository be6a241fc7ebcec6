-- CreateEnum
CREATE TYPE "WithdrawalBatchStatus" AS ENUM ('SIGNED', 'LANDED', 'FAILED', 'EXPIRED');

-- AlterEnum
ALTER TYPE "MovementKind" ADD VALUE 'WITHDRAWAL_SEND';

-- AlterTable
ALTER TABLE "settings" ADD COLUMN     "daily_withdrawal_limit" BIGINT NOT NULL DEFAULT 20000000000000,
ADD COLUMN     "max_withdrawal" BIGINT NOT NULL DEFAULT 10000000000000;

-- AlterTable
ALTER TABLE "withdrawals" ADD COLUMN     "batch_id" BIGINT,
ADD COLUMN     "bounce" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "finished_at" TIMESTAMP(3),
ADD COLUMN     "message_lt" BIGINT,
ADD COLUMN     "request_id" TEXT,
ADD COLUMN     "result_tx_hash" TEXT,
ADD COLUMN     "next_attempt_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "sent_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "withdrawal_batches" (
    "id" BIGSERIAL NOT NULL,
    "wallet" TEXT NOT NULL,
    "seqno" INTEGER NOT NULL,
    "valid_until" TIMESTAMP(3) NOT NULL,
    "after_lt" BIGINT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "boc" TEXT NOT NULL,
    "status" "WithdrawalBatchStatus" NOT NULL DEFAULT 'SIGNED',
    "tx_hash" TEXT,
    "tx_lt" BIGINT,
    "sends" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "withdrawal_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "withdrawal_batches_body_hash_key" ON "withdrawal_batches"("body_hash");

-- CreateIndex
CREATE INDEX "withdrawal_batches_status_idx" ON "withdrawal_batches"("status");

-- CreateIndex
CREATE INDEX "withdrawals_user_id_created_at_idx" ON "withdrawals"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "withdrawals_batch_id_idx" ON "withdrawals"("batch_id");

-- AddForeignKey
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "withdrawal_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ─────────────── Hand-written: what Prisma cannot express ───────────────

-- One signed transfer of a wallet whose outcome is unknown, at most: the sender never signs a second one
-- (which could reuse the seqno, or send the same withdrawals twice) while the first may still land.
CREATE UNIQUE INDEX "withdrawal_batches_one_open" ON "withdrawal_batches" ("wallet") WHERE "status" = 'SIGNED';

-- A waiting withdrawal is in no transfer; one being sent, sent or confirmed is in exactly one, and once
-- the wallet sent it, its transaction is known.
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_batch_state" CHECK (
  "status" = 'FAILED' OR ("status" = 'PENDING') = ("batch_id" IS NULL));
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_sent_has_tx" CHECK (
  "status" NOT IN ('SENT', 'CONFIRMED') OR "tx_hash" IS NOT NULL);

ALTER TABLE "settings" ADD CONSTRAINT "settings_withdrawal_limits" CHECK (
  "max_withdrawal" >= "min_withdrawal" AND "daily_withdrawal_limit" >= "max_withdrawal");
