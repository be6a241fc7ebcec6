-- DropIndex
DROP INDEX "nfts_owner_id_idx";

-- AlterTable
ALTER TABLE "nfts" ADD COLUMN     "rarity" INTEGER NOT NULL DEFAULT 1000000000;

-- CreateIndex
CREATE INDEX "nfts_owner_id_id_idx" ON "nfts"("owner_id", "id");

-- CreateIndex
CREATE INDEX "nfts_gift_id_rarity_id_idx" ON "nfts"("gift_id", "rarity", "id");
-- Hand-written: partial indexes for the market's main filter/sort combinations. Each
-- covers only listed NFTs, the rows a buyer browses, and ends in id for stable keyset pagination.
CREATE INDEX "nfts_listed_price_idx" ON "nfts" ("price", "id") WHERE "status" = 'LISTED';
CREATE INDEX "nfts_listed_gift_price_idx" ON "nfts" ("gift_id", "price", "id") WHERE "status" = 'LISTED';
CREATE INDEX "nfts_listed_recent_idx" ON "nfts" ("listed_at", "id") WHERE "status" = 'LISTED';
CREATE INDEX "nfts_listed_gift_recent_idx" ON "nfts" ("gift_id", "listed_at", "id") WHERE "status" = 'LISTED';
CREATE INDEX "nfts_listed_rarity_idx" ON "nfts" ("rarity", "id") WHERE "status" = 'LISTED';
CREATE INDEX "nfts_listed_gift_model_price_idx" ON "nfts" ("gift_id", "model", "price") WHERE "status" = 'LISTED';
CREATE INDEX "nfts_listed_gift_backdrop_price_idx" ON "nfts" ("gift_id", "backdrop", "price") WHERE "status" = 'LISTED';
ALTER TABLE "nfts" ADD CONSTRAINT "nfts_rarity_positive" CHECK ("rarity" >= 0);
