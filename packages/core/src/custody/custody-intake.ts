// Custody intake: how gifts enter the platform. Every source — a relayer account receiving Telegram
// gifts, an on-chain NFT transfer, an admin crediting by hand — goes through one port,
// `CustodyIntake.credit`, which creates the NFT in custody for its owner in the caller's unit of work.
// `creditNft` (credit-nft.ts) is the admin page's use of it.
import { countOnCommit } from "../common/business";
import { randomInt } from "node:crypto";
import type { Nft, UnitOfWork } from "@gm/db";
import { badRequest, conflict, notFound } from "../common/errors";
import { activityRepository } from "../market/activity-repository";
import { userRepository } from "../users/user-repository";
import { custodyRepository, type AttributeRow } from "./custody-repository";
import { deliverOwedPresale } from "../presales/deliver-presale";

/** Where a credited gift came from. */
export type CustodySource = "admin" | "telegram-relayer" | "onchain" | "presale-delivery";

export interface CustodyCreditInput {
  giftId: number;
  ownerId: bigint;
  /** The gift's serial number; the next free one when omitted. */
  number?: number;
  /** Attribute names of the gift; picked at random by rarity when omitted. */
  model?: string;
  backdrop?: string;
  symbol?: string;
  /** On-chain NFT address, when it has one. */
  address?: string;
  source: CustodySource;
}

/** The port. Runs inside the caller's unit of work and does not commit it. */
export interface CustodyIntake {
  credit(uow: UnitOfWork, input: CustodyCreditInput): Promise<Nft>;
}

type Kind = "MODEL" | "BACKDROP" | "SYMBOL";
const KIND_LABEL: Record<Kind, string> = { MODEL: "model", BACKDROP: "backdrop", SYMBOL: "symbol" };

type Attribute = AttributeRow;

/** The named attribute, or one drawn at random with probability proportional to its rarity. */
function chooseAttribute(all: Attribute[], kind: Kind, wanted: string | undefined, giftTitle: string): Attribute {
  const options = all.filter((a) => a.kind === kind);
  if (wanted !== undefined) {
    const found = options.find((a) => a.name === wanted);
    if (!found) throw badRequest(`${giftTitle} has no ${KIND_LABEL[kind]} named "${wanted}".`, "UNKNOWN_ATTRIBUTE");
    return found;
  }
  const total = options.reduce((s, a) => s + a.rarityPermille, 0);
  if (total <= 0) throw badRequest(`${giftTitle} has no ${KIND_LABEL[kind]}s to choose from: name one.`, "UNKNOWN_ATTRIBUTE");
  let r = randomInt(total);
  for (const a of options) {
    r -= a.rarityPermille;
    if (r < 0) return a;
  }
  return options[options.length - 1]!;
}

/**
 * The one implementation of the port: validates the gift, the owner and the attributes, assigns the
 * number under a lock on the gift row (concurrent credits of one gift queue there, so max + 1 is safe),
 * creates the NFT IN_CUSTODY and records a CREDIT activity event for the owner.
 */
export const custodyIntake: CustodyIntake = {
  async credit(uow, input) {
    const { tx } = uow;
    const gift = await custodyRepository.lockGift(tx, input.giftId);
    if (!gift) throw notFound("The gift");
    if (!(await userRepository.exists(tx, input.ownerId))) throw notFound("The user");

    const attributes = await custodyRepository.attributes(tx, gift.id);
    const model = chooseAttribute(attributes, "MODEL", input.model, gift.title);
    const backdrop = chooseAttribute(attributes, "BACKDROP", input.backdrop, gift.title);
    const symbol = chooseAttribute(attributes, "SYMBOL", input.symbol, gift.title);

    const number = input.number ?? (await nextFreeNumber(uow, gift));
    if (!Number.isInteger(number) || number < 1 || number > gift.supply) {
      throw badRequest(`${gift.title} numbers run from 1 to ${gift.supply}; #${number} does not exist.`, "BAD_NUMBER");
    }
    if (await custodyRepository.numberTaken(tx, gift.id, number)) throw conflict(`${gift.title} #${number} is already in custody.`, "NUMBER_TAKEN");

    const nft = await custodyRepository.create(tx, {
      giftId: gift.id,
      number,
      model: model.name,
      modelRarity: model.rarityPermille,
      backdrop: backdrop.name,
      backdropRarity: backdrop.rarityPermille,
      symbol: symbol.name,
      symbolRarity: symbol.rarityPermille,
      rarity: model.rarityPermille * backdrop.rarityPermille * symbol.rarityPermille,
      ownerId: input.ownerId,
      status: "IN_CUSTODY",
      address: input.address ?? null,
    });
    if (nft === "address-taken") throw conflict("An NFT with this address is already in custody.", "ADDRESS_TAKEN");
    await activityRepository.record(tx, { type: "CREDIT", giftId: gift.id, nftId: nft.id, actorId: input.ownerId });
    // A gift arriving on its own (not credited by hand) for a seller who owes a presale of its collection
    // delivers that presale at once: the gift goes on to the buyer.
    if (input.source !== "admin") {
      const delivered = await deliverOwedPresale(tx, { id: nft.id, giftId: gift.id, ownerId: input.ownerId }, new Date());
      if (delivered) {
        countOnCommit(uow, "presale_delivered", delivered.price);
        return { ...nft, ownerId: delivered.buyerId };
      }
    }
    return nft;
  },
};

/** The next number after the highest in custody; past the supply, the lowest gap (numbers given by hand leave gaps). */
async function nextFreeNumber(uow: UnitOfWork, gift: { id: number; title: string; supply: number }): Promise<number> {
  const next = (await custodyRepository.maxNumber(uow.tx, gift.id)) + 1;
  if (next <= gift.supply) return next;
  const gap = await custodyRepository.firstGap(uow.tx, gift.id, gift.supply);
  if (gap === null) throw conflict(`All ${gift.supply} ${gift.title} gifts are already in custody: there is no number left.`, "SUPPLY_EXHAUSTED");
  return gap;
}
