-- One active offer per buyer per NFT: a new one replaces the old in the same transaction, and two
-- concurrent offers of one buyer cannot both stay active.
CREATE UNIQUE INDEX "offers_one_active_per_buyer" ON "offers" ("nft_id", "buyer_id") WHERE "status" = 'ACTIVE';

-- The offers a seller received: active offers on the NFTs they own, newest first.
CREATE INDEX "offers_active_by_nft" ON "offers" ("nft_id", "id") WHERE "status" = 'ACTIVE';
