-- DropIndex
DROP INDEX "activity_events_actor_id_created_at_idx";

-- DropIndex
DROP INDEX "activity_events_counterparty_id_created_at_idx";

-- DropIndex
DROP INDEX "nfts_gift_id_price_idx";

-- DropIndex
DROP INDEX "nfts_listed_at_idx";

-- DropIndex
DROP INDEX "nfts_price_idx";

-- DropIndex
DROP INDEX "nfts_status_price_idx";

-- CreateIndex
CREATE INDEX "activity_events_gift_id_id_idx" ON "activity_events"("gift_id", "id");

-- CreateIndex
CREATE INDEX "activity_events_actor_id_id_idx" ON "activity_events"("actor_id", "id");

-- CreateIndex
CREATE INDEX "activity_events_counterparty_id_id_idx" ON "activity_events"("counterparty_id", "id");
