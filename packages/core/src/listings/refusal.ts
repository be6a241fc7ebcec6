// Why a listing change matched no row, in words the owner understands.
import type { Tx } from "@gm/db";
import { type AppError, conflict, forbidden, notFound } from "../common/errors";
import { listingRepository } from "./listing-repository";

export async function listingRefusal(tx: Tx, nftId: bigint, userId: bigint, wanted: "IN_CUSTODY" | "LISTED"): Promise<AppError> {
  const nft = await listingRepository.stateOf(tx, nftId);
  if (!nft) return notFound(`Gift #${nftId}`);
  if (nft.ownerId !== userId) return forbidden("Only the owner can do this with the gift.", "NOT_OWNER");
  if (wanted === "IN_CUSTODY" && nft.status === "IN_CUSTODY" && (!nft.gift.transferableAt || nft.gift.transferableAt > new Date())) {
    const when = nft.gift.transferableAt ? ` until ${nft.gift.transferableAt.toISOString().slice(0, 10)}` : " yet";
    return conflict(`${nft.gift.title} cannot be transferred${when}: sell it as a presale instead.`, "NOT_TRANSFERABLE").with({
      gift: nft.gift.title,
      until: nft.gift.transferableAt?.toISOString() ?? "",
    });
  }
  switch (nft.status) {
    case "LISTED":
      return conflict("This gift is already listed: change its price instead.", "ALREADY_LISTED");
    case "IN_AUCTION":
      return conflict("This gift is in an auction and cannot be listed or changed until it ends.", "IN_AUCTION");
    case "WITHDRAWING":
    case "WITHDRAWN":
      return conflict("This gift is being withdrawn from the market.", "WITHDRAWN");
    default:
      return conflict("This gift is not listed.", "NOT_LISTED");
  }
}
