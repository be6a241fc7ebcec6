-- Auctions: the minimum raise is an amount or a share of the best bid, exactly one of the two.
ALTER TABLE "auctions" ALTER COLUMN "min_step" DROP NOT NULL, ADD COLUMN "min_step_bps" INTEGER;
ALTER TABLE "auctions" DROP CONSTRAINT "auctions_prices_positive";
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_prices_positive" CHECK ("start_price" > 0 AND ("best_bid" IS NULL OR "best_bid" >= "start_price"));
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_one_step" CHECK (
  ("min_step" IS NOT NULL AND "min_step" > 0 AND "min_step_bps" IS NULL)
  OR ("min_step" IS NULL AND "min_step_bps" BETWEEN 1 AND 10000));
-- A best bid always has its bidder, and a settled auction's winner is its best bidder.
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_best_has_bidder" CHECK (("best_bid" IS NULL) = ("best_bidder_id" IS NULL));
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_winner_only_settled" CHECK (("status" = 'SETTLED') = ("winner_id" IS NOT NULL));
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_best_bidder_id_fkey" FOREIGN KEY ("best_bidder_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What the settlement timer and auction.list read: running auctions by their end.
CREATE INDEX "auctions_active_by_end" ON "auctions" ("ends_at", "id") WHERE "status" = 'ACTIVE';
-- The bid history, newest first; and at most one standing (held) bid per auction.
CREATE INDEX "bids_auction_id_id_idx" ON "bids" ("auction_id", "id");
CREATE UNIQUE INDEX "bids_one_active_per_auction" ON "bids" ("auction_id") WHERE "status" = 'ACTIVE';

-- Anti-sniping: 2 minutes by default (was 5), unless an admin chose a value.
ALTER TABLE "settings" ALTER COLUMN "anti_sniping_seconds" SET DEFAULT 120;
UPDATE "settings" SET "anti_sniping_seconds" = 120 WHERE "anti_sniping_seconds" = 300 AND "updated_by" IS NULL;

-- Presales: the seller's collateral, a deadline fixed at creation, and FAILED for an undelivered sale.
ALTER TYPE "PresaleStatus" RENAME VALUE 'REFUNDED' TO 'FAILED';
ALTER TABLE "presales" ADD COLUMN "collateral_bps" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "collateral" BIGINT NOT NULL DEFAULT 0;
UPDATE "presales" SET "deliver_by" = "created_at" + interval '21 days' WHERE "deliver_by" IS NULL;
ALTER TABLE "presales" ALTER COLUMN "deliver_by" SET NOT NULL;
ALTER TABLE "presales" ADD CONSTRAINT "presales_collateral_range" CHECK ("collateral_bps" BETWEEN 0 AND 10000 AND "collateral" >= 0 AND "collateral" <= "price");
ALTER TABLE "presales" ADD CONSTRAINT "presales_buyer_once_sold" CHECK (("status" IN ('SOLD', 'DELIVERED', 'FAILED')) = ("buyer_id" IS NOT NULL));
ALTER TABLE "presales" ADD CONSTRAINT "presales_not_own" CHECK ("buyer_id" IS NULL OR "buyer_id" <> "seller_id");
ALTER TABLE "presales" ADD CONSTRAINT "presales_delivered_has_nft" CHECK (("status" = 'DELIVERED') = ("delivered_nft_id" IS NOT NULL));
ALTER TABLE "presales" ADD CONSTRAINT "presales_delivered_nft_id_fkey" FOREIGN KEY ("delivered_nft_id") REFERENCES "nfts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- A buyer's presales, newest first; the deadline task reads (status, deliver_by).
CREATE INDEX "presales_active_by_deadline" ON "presales" ("deliver_by", "id") WHERE "status" IN ('ACTIVE', 'SOLD');
