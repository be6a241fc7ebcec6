-- CreateTable
CREATE TABLE "ton_proof_payload_uses" (
    "payload_hash" TEXT NOT NULL,
    "user_id" BIGINT NOT NULL,
    "used_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ton_proof_payload_uses_pkey" PRIMARY KEY ("payload_hash")
);

-- CreateIndex
CREATE INDEX "ton_proof_payload_uses_used_at_idx" ON "ton_proof_payload_uses"("used_at");
