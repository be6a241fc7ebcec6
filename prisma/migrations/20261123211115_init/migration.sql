-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateEnum
CREATE TYPE "LedgerAccount" AS ENUM ('USER_AVAILABLE', 'USER_LOCKED', 'PLATFORM_FEES', 'WITHDRAWALS_IN_FLIGHT', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "MovementKind" AS ENUM ('DEPOSIT', 'ADJUSTMENT', 'TRANSFER', 'HOLD', 'RELEASE', 'PURCHASE', 'OFFER_ACCEPT', 'COLLECTION_OFFER_FILL', 'AUCTION_SETTLE', 'PRESALE_SETTLE', 'PRESALE_REFUND', 'WITHDRAWAL_REQUEST', 'WITHDRAWAL_CONFIRM', 'WITHDRAWAL_REFUND');

-- CreateEnum
CREATE TYPE "AttributeKind" AS ENUM ('MODEL', 'BACKDROP', 'SYMBOL');

-- CreateEnum
CREATE TYPE "NftStatus" AS ENUM ('IN_CUSTODY', 'LISTED', 'IN_AUCTION', 'WITHDRAWING', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('ACTIVE', 'ACCEPTED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AuctionStatus" AS ENUM ('ACTIVE', 'SETTLED', 'ENDED_NO_BIDS', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BidStatus" AS ENUM ('ACTIVE', 'OUTBID', 'WON', 'RELEASED');

-- CreateEnum
CREATE TYPE "PresaleStatus" AS ENUM ('ACTIVE', 'SOLD', 'DELIVERED', 'CANCELLED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "DepositStatus" AS ENUM ('CREDITED', 'UNMATCHED', 'IGNORED');

-- CreateEnum
CREATE TYPE "WithdrawalStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'CONFIRMED', 'FAILED');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('LISTING', 'PRICE_CHANGE', 'DELIST', 'SALE', 'OFFER', 'OFFER_ACCEPTED', 'OFFER_CANCELLED', 'BID', 'AUCTION_CREATED', 'AUCTION_SETTLED', 'PRESALE_CREATED', 'PRESALE_SOLD', 'PRESALE_DELIVERED', 'CREDIT', 'WITHDRAW');

-- CreateTable
CREATE TABLE "users" (
    "id" BIGINT NOT NULL,
    "username" TEXT,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT,
    "language_code" TEXT,
    "photo_url" TEXT,
    "is_premium" BOOLEAN NOT NULL DEFAULT false,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "is_banned" BOOLEAN NOT NULL DEFAULT false,
    "deposit_memo" TEXT NOT NULL,
    "ton_address" TEXT,
    "ton_address_verified_at" TIMESTAMP(3),
    "available" BIGINT NOT NULL DEFAULT 0,
    "locked" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_movements" (
    "id" BIGSERIAL NOT NULL,
    "kind" "MovementKind" NOT NULL,
    "reference" TEXT,
    "memo" TEXT,
    "actor_id" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "movement_id" BIGINT NOT NULL,
    "account" "LedgerAccount" NOT NULL,
    "user_id" BIGINT,
    "amount" BIGINT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gifts" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "supply" INTEGER NOT NULL,
    "glyph" TEXT NOT NULL DEFAULT '🎁',
    "transferable_at" TIMESTAMP(3),
    "floor_price" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gifts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gift_attributes" (
    "id" SERIAL NOT NULL,
    "gift_id" INTEGER NOT NULL,
    "kind" "AttributeKind" NOT NULL,
    "name" TEXT NOT NULL,
    "rarity_permille" INTEGER NOT NULL,
    "data" JSONB,

    CONSTRAINT "gift_attributes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nfts" (
    "id" BIGSERIAL NOT NULL,
    "gift_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "model_rarity" INTEGER NOT NULL,
    "backdrop" TEXT NOT NULL,
    "backdrop_rarity" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "symbol_rarity" INTEGER NOT NULL,
    "owner_id" BIGINT NOT NULL,
    "status" "NftStatus" NOT NULL DEFAULT 'IN_CUSTODY',
    "price" BIGINT,
    "listed_at" TIMESTAMP(3),
    "address" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "nfts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offers" (
    "id" BIGSERIAL NOT NULL,
    "nft_id" BIGINT NOT NULL,
    "buyer_id" BIGINT NOT NULL,
    "price" BIGINT NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'ACTIVE',
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collection_offers" (
    "id" BIGSERIAL NOT NULL,
    "gift_id" INTEGER NOT NULL,
    "buyer_id" BIGINT NOT NULL,
    "price" BIGINT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "filled" INTEGER NOT NULL DEFAULT 0,
    "model" TEXT,
    "backdrop" TEXT,
    "symbol" TEXT,
    "status" "OfferStatus" NOT NULL DEFAULT 'ACTIVE',
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "collection_offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auctions" (
    "id" BIGSERIAL NOT NULL,
    "nft_id" BIGINT NOT NULL,
    "seller_id" BIGINT NOT NULL,
    "start_price" BIGINT NOT NULL,
    "min_step" BIGINT NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "status" "AuctionStatus" NOT NULL DEFAULT 'ACTIVE',
    "best_bid" BIGINT,
    "best_bidder_id" BIGINT,
    "winner_id" BIGINT,
    "settled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "auctions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bids" (
    "id" BIGSERIAL NOT NULL,
    "auction_id" BIGINT NOT NULL,
    "bidder_id" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "status" "BidStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bids_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "presales" (
    "id" BIGSERIAL NOT NULL,
    "gift_id" INTEGER NOT NULL,
    "seller_id" BIGINT NOT NULL,
    "buyer_id" BIGINT,
    "price" BIGINT NOT NULL,
    "status" "PresaleStatus" NOT NULL DEFAULT 'ACTIVE',
    "sold_at" TIMESTAMP(3),
    "deliver_by" TIMESTAMP(3),
    "delivered_nft_id" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "presales_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deposits" (
    "id" BIGSERIAL NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "lt" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "sender" TEXT NOT NULL,
    "comment" TEXT,
    "user_id" BIGINT,
    "status" "DepositStatus" NOT NULL,
    "reason" TEXT,
    "credited_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deposits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "withdrawals" (
    "id" BIGSERIAL NOT NULL,
    "user_id" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "fee" BIGINT NOT NULL,
    "destination" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "WithdrawalStatus" NOT NULL DEFAULT 'PENDING',
    "tx_hash" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "withdrawals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ton_cursors" (
    "wallet" TEXT NOT NULL,
    "last_lt" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ton_cursors_pkey" PRIMARY KEY ("wallet")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "user_id" BIGINT NOT NULL,
    "key" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("user_id","key")
);

-- CreateTable
CREATE TABLE "activity_events" (
    "id" BIGSERIAL NOT NULL,
    "type" "ActivityType" NOT NULL,
    "gift_id" INTEGER,
    "nft_id" BIGINT,
    "actor_id" BIGINT,
    "counterparty_id" BIGINT,
    "price" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "fee_bps" INTEGER NOT NULL DEFAULT 500,
    "min_deposit" BIGINT NOT NULL DEFAULT 100000000,
    "min_withdrawal" BIGINT NOT NULL DEFAULT 1000000000,
    "withdrawal_fee" BIGINT NOT NULL DEFAULT 50000000,
    "offer_lifetime_seconds" INTEGER NOT NULL DEFAULT 604800,
    "anti_sniping_seconds" INTEGER NOT NULL DEFAULT 300,
    "presale_delivery_days" INTEGER NOT NULL DEFAULT 21,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" BIGINT,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" BIGINT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "data" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_states" (
    "name" TEXT NOT NULL,
    "interval_ms" INTEGER NOT NULL,
    "last_run_at" TIMESTAMP(3),
    "last_success_at" TIMESTAMP(3),
    "last_error_at" TIMESTAMP(3),
    "last_error" TEXT,
    "last_duration_ms" INTEGER,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "runner" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "task_states_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_deposit_memo_key" ON "users"("deposit_memo");

-- CreateIndex
CREATE UNIQUE INDEX "users_ton_address_key" ON "users"("ton_address");

-- CreateIndex
CREATE INDEX "users_username_idx" ON "users"("username");

-- CreateIndex
CREATE INDEX "ledger_movements_reference_idx" ON "ledger_movements"("reference");

-- CreateIndex
CREATE INDEX "ledger_entries_movement_id_idx" ON "ledger_entries"("movement_id");

-- CreateIndex
CREATE INDEX "ledger_entries_user_id_id_idx" ON "ledger_entries"("user_id", "id");

-- CreateIndex
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries"("account");

-- CreateIndex
CREATE UNIQUE INDEX "gifts_slug_key" ON "gifts"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "gift_attributes_gift_id_kind_name_key" ON "gift_attributes"("gift_id", "kind", "name");

-- CreateIndex
CREATE UNIQUE INDEX "nfts_address_key" ON "nfts"("address");

-- CreateIndex
CREATE INDEX "nfts_owner_id_idx" ON "nfts"("owner_id");

-- CreateIndex
CREATE INDEX "nfts_price_idx" ON "nfts"("price");

-- CreateIndex
CREATE INDEX "nfts_gift_id_price_idx" ON "nfts"("gift_id", "price");

-- CreateIndex
CREATE INDEX "nfts_status_price_idx" ON "nfts"("status", "price");

-- CreateIndex
CREATE INDEX "nfts_listed_at_idx" ON "nfts"("listed_at");

-- CreateIndex
CREATE UNIQUE INDEX "nfts_gift_id_number_key" ON "nfts"("gift_id", "number");

-- CreateIndex
CREATE INDEX "offers_nft_id_status_price_idx" ON "offers"("nft_id", "status", "price");

-- CreateIndex
CREATE INDEX "offers_buyer_id_status_idx" ON "offers"("buyer_id", "status");

-- CreateIndex
CREATE INDEX "offers_updated_at_idx" ON "offers"("updated_at");

-- CreateIndex
CREATE INDEX "offers_status_expires_at_idx" ON "offers"("status", "expires_at");

-- CreateIndex
CREATE INDEX "collection_offers_gift_id_status_price_idx" ON "collection_offers"("gift_id", "status", "price");

-- CreateIndex
CREATE INDEX "collection_offers_buyer_id_status_idx" ON "collection_offers"("buyer_id", "status");

-- CreateIndex
CREATE INDEX "collection_offers_updated_at_idx" ON "collection_offers"("updated_at");

-- CreateIndex
CREATE INDEX "collection_offers_status_expires_at_idx" ON "collection_offers"("status", "expires_at");

-- CreateIndex
CREATE INDEX "auctions_status_ends_at_idx" ON "auctions"("status", "ends_at");

-- CreateIndex
CREATE INDEX "auctions_ends_at_idx" ON "auctions"("ends_at");

-- CreateIndex
CREATE INDEX "auctions_seller_id_idx" ON "auctions"("seller_id");

-- CreateIndex
CREATE INDEX "auctions_nft_id_idx" ON "auctions"("nft_id");

-- CreateIndex
CREATE INDEX "bids_auction_id_amount_idx" ON "bids"("auction_id", "amount");

-- CreateIndex
CREATE INDEX "bids_bidder_id_idx" ON "bids"("bidder_id");

-- CreateIndex
CREATE INDEX "presales_gift_id_status_price_idx" ON "presales"("gift_id", "status", "price");

-- CreateIndex
CREATE INDEX "presales_seller_id_idx" ON "presales"("seller_id");

-- CreateIndex
CREATE INDEX "presales_buyer_id_idx" ON "presales"("buyer_id");

-- CreateIndex
CREATE INDEX "presales_status_deliver_by_idx" ON "presales"("status", "deliver_by");

-- CreateIndex
CREATE UNIQUE INDEX "deposits_tx_hash_key" ON "deposits"("tx_hash");

-- CreateIndex
CREATE INDEX "deposits_status_created_at_idx" ON "deposits"("status", "created_at");

-- CreateIndex
CREATE INDEX "deposits_user_id_idx" ON "deposits"("user_id");

-- CreateIndex
CREATE INDEX "withdrawals_status_created_at_idx" ON "withdrawals"("status", "created_at");

-- CreateIndex
CREATE INDEX "withdrawals_user_id_id_idx" ON "withdrawals"("user_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "withdrawals_user_id_idempotency_key_key" ON "withdrawals"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- CreateIndex
CREATE INDEX "activity_events_created_at_idx" ON "activity_events"("created_at");

-- CreateIndex
CREATE INDEX "activity_events_gift_id_type_created_at_idx" ON "activity_events"("gift_id", "type", "created_at");

-- CreateIndex
CREATE INDEX "activity_events_nft_id_created_at_idx" ON "activity_events"("nft_id", "created_at");

-- CreateIndex
CREATE INDEX "activity_events_actor_id_created_at_idx" ON "activity_events"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "activity_events_counterparty_id_created_at_idx" ON "activity_events"("counterparty_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_created_at_idx" ON "audit_log"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_movement_id_fkey" FOREIGN KEY ("movement_id") REFERENCES "ledger_movements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gift_attributes" ADD CONSTRAINT "gift_attributes_gift_id_fkey" FOREIGN KEY ("gift_id") REFERENCES "gifts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nfts" ADD CONSTRAINT "nfts_gift_id_fkey" FOREIGN KEY ("gift_id") REFERENCES "gifts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nfts" ADD CONSTRAINT "nfts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_nft_id_fkey" FOREIGN KEY ("nft_id") REFERENCES "nfts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_offers" ADD CONSTRAINT "collection_offers_gift_id_fkey" FOREIGN KEY ("gift_id") REFERENCES "gifts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collection_offers" ADD CONSTRAINT "collection_offers_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_nft_id_fkey" FOREIGN KEY ("nft_id") REFERENCES "nfts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_winner_id_fkey" FOREIGN KEY ("winner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bids" ADD CONSTRAINT "bids_auction_id_fkey" FOREIGN KEY ("auction_id") REFERENCES "auctions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bids" ADD CONSTRAINT "bids_bidder_id_fkey" FOREIGN KEY ("bidder_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presales" ADD CONSTRAINT "presales_gift_id_fkey" FOREIGN KEY ("gift_id") REFERENCES "gifts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presales" ADD CONSTRAINT "presales_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presales" ADD CONSTRAINT "presales_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_records" ADD CONSTRAINT "idempotency_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ─────────────── Hand-written: what Prisma cannot express (CHECK constraints, triggers) ───────────────

-- Balances can never go negative: enforced by the database, not only by code.
ALTER TABLE "users" ADD CONSTRAINT "users_available_nonnegative" CHECK ("available" >= 0);
ALTER TABLE "users" ADD CONSTRAINT "users_locked_nonnegative" CHECK ("locked" >= 0);

-- Ledger rows: never zero; user accounts name a user, platform accounts do not.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_amount_nonzero" CHECK ("amount" <> 0);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_account" CHECK (
  ("account" IN ('USER_AVAILABLE', 'USER_LOCKED')) = ("user_id" IS NOT NULL));

-- Every movement's entries sum to zero, checked at commit (deferred), so a movement is written
-- entry by entry inside one transaction and an unbalanced one can never commit.
CREATE FUNCTION ledger_movement_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total NUMERIC;
BEGIN
  SELECT COALESCE(SUM(amount), 0) INTO total FROM ledger_entries WHERE movement_id = NEW.movement_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger movement % is unbalanced by %', NEW.movement_id, total
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_movement_balanced';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "ledger_movement_balanced" AFTER INSERT OR UPDATE ON "ledger_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_movement_balanced();

-- The ledger is append-only: a posted entry is never changed or removed.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Prices and amounts are positive; a listed NFT has a price and only a listed one does.
ALTER TABLE "nfts" ADD CONSTRAINT "nfts_price_positive" CHECK ("price" IS NULL OR "price" > 0);
ALTER TABLE "nfts" ADD CONSTRAINT "nfts_listed_has_price" CHECK (("status" = 'LISTED') = ("price" IS NOT NULL));
ALTER TABLE "nfts" ADD CONSTRAINT "nfts_rarity_permille" CHECK (
  "model_rarity" BETWEEN 0 AND 1000 AND "backdrop_rarity" BETWEEN 0 AND 1000 AND "symbol_rarity" BETWEEN 0 AND 1000);
ALTER TABLE "gift_attributes" ADD CONSTRAINT "gift_attributes_rarity_permille" CHECK ("rarity_permille" BETWEEN 0 AND 1000);
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_supply_positive" CHECK ("supply" > 0);
ALTER TABLE "offers" ADD CONSTRAINT "offers_price_positive" CHECK ("price" > 0);
ALTER TABLE "collection_offers" ADD CONSTRAINT "collection_offers_price_positive" CHECK ("price" > 0);
ALTER TABLE "collection_offers" ADD CONSTRAINT "collection_offers_filled_range" CHECK ("quantity" > 0 AND "filled" >= 0 AND "filled" <= "quantity");
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_prices_positive" CHECK ("start_price" > 0 AND "min_step" > 0 AND ("best_bid" IS NULL OR "best_bid" >= "start_price"));
ALTER TABLE "bids" ADD CONSTRAINT "bids_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "presales" ADD CONSTRAINT "presales_price_positive" CHECK ("price" > 0);
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_amount_nonnegative" CHECK ("amount" >= 0);
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_amount_positive" CHECK ("amount" > 0 AND "fee" >= 0);
ALTER TABLE "settings" ADD CONSTRAINT "settings_single_row" CHECK ("id" = 1);
ALTER TABLE "settings" ADD CONSTRAINT "settings_ranges" CHECK (
  "fee_bps" BETWEEN 0 AND 10000 AND "min_deposit" >= 0 AND "min_withdrawal" > 0 AND "withdrawal_fee" >= 0
  AND "offer_lifetime_seconds" > 0 AND "anti_sniping_seconds" >= 0 AND "presale_delivery_days" > 0);

-- One active auction per NFT.
CREATE UNIQUE INDEX "auctions_one_active_per_nft" ON "auctions" ("nft_id") WHERE "status" = 'ACTIVE';

INSERT INTO "settings" ("id", "updated_at") VALUES (1, now());
