// Custody intake (SPEC §4): how gifts enter the platform. Every source — a relayer account receiving
// Telegram gifts, an on-chain NFT transfer, an admin crediting by hand — goes through one port,
// `CustodyIntake.credit`, which creates the NFT in custody for its owner in the caller's unit of work.
// `adminCreditNft` is the admin page's use of it (audited, committed).
import { randomInt } from "node:crypto";
import type { Nft, UnitOfWork } from "@gm/db";
import { isUniqueViolation } from "@gm/db";
import type { Cache } from "@gm/redis";
import { badRequest, conflict, notFound } from "../errors";
import { invalidateListings } from "../market/cache-keys";
import { activityRepository } from "../repositories/activity-repository";
import { auditRepository } from "../repositories/audit-repository";

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

interface Attribute {
  kind: Kind;
  name: string;
  rarityPermille: number;
}

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
    // FOR NO KEY UPDATE: serialises credits of this gift without blocking inserts that reference it.
    const gifts = await tx.$queryRaw<{ id: number; title: string; supply: number }[]>`
      SELECT id, title, supply FROM gifts WHERE id = ${input.giftId} FOR NO KEY UPDATE`;
    const gift = gifts[0];
    if (!gift) throw notFound("The gift");
    const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true } });
    if (!owner) throw notFound("The user");

    const attributes = (await tx.giftAttribute.findMany({
      where: { giftId: gift.id },
      select: { kind: true, name: true, rarityPermille: true },
      orderBy: { id: "asc" },
    })) as Attribute[];
    const model = chooseAttribute(attributes, "MODEL", input.model, gift.title);
    const backdrop = chooseAttribute(attributes, "BACKDROP", input.backdrop, gift.title);
    const symbol = chooseAttribute(attributes, "SYMBOL", input.symbol, gift.title);

    const number = input.number ?? (await nextFreeNumber(uow, gift));
    if (!Number.isInteger(number) || number < 1 || number > gift.supply) {
      throw badRequest(`${gift.title} numbers run from 1 to ${gift.supply}; #${number} does not exist.`, "BAD_NUMBER");
    }
    const taken = await tx.nft.findUnique({ where: { giftId_number: { giftId: gift.id, number } }, select: { id: true } });
    if (taken) throw conflict(`${gift.title} #${number} is already in custody.`, "NUMBER_TAKEN");

    let nft: Nft;
    try {
      nft = await tx.nft.create({
        data: {
          giftId: gift.id,
          number,
          model: model.name,
          modelRarity: model.rarityPermille,
          backdrop: backdrop.name,
          backdropRarity: backdrop.rarityPermille,
          symbol: symbol.name,
          symbolRarity: symbol.rarityPermille,
          rarity: model.rarityPermille * backdrop.rarityPermille * symbol.rarityPermille,
          ownerId: owner.id,
          status: "IN_CUSTODY",
          address: input.address ?? null,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("An NFT with this address is already in custody.", "ADDRESS_TAKEN");
      throw error;
    }
    await activityRepository.record(tx, { type: "CREDIT", giftId: gift.id, nftId: nft.id, actorId: owner.id });
    return nft;
  },
};

/** The next number after the highest in custody; past the supply, the lowest gap (numbers given by hand leave gaps). */
async function nextFreeNumber(uow: UnitOfWork, gift: { id: number; title: string; supply: number }): Promise<number> {
  const max = await uow.tx.$queryRaw<{ n: number | null }[]>`SELECT max(number) AS n FROM nfts WHERE gift_id = ${gift.id}`;
  const next = (max[0]?.n ?? 0) + 1;
  if (next <= gift.supply) return next;
  const gap = await uow.tx.$queryRaw<{ n: number }[]>`
    SELECT s.n FROM generate_series(1, ${gift.supply}::int) AS s(n)
    WHERE NOT EXISTS (SELECT 1 FROM nfts WHERE gift_id = ${gift.id} AND number = s.n) ORDER BY s.n LIMIT 1`;
  if (!gap[0]) throw conflict(`All ${gift.supply} ${gift.title} gifts are already in custody: there is no number left.`, "SUPPLY_EXHAUSTED");
  return gap[0].n;
}

export interface AdminCreditNftInput {
  userId: bigint;
  giftId: number;
  model?: string;
  backdrop?: string;
  symbol?: string;
  number?: number;
}

/** admin.creditNft: an admin credits a gift to a user's custody; audited, and committed here. */
export async function adminCreditNft(
  uow: UnitOfWork,
  deps: { cache: Cache },
  actor: { id: bigint; requestId?: string },
  input: AdminCreditNftInput,
): Promise<Nft> {
  const nft = await custodyIntake.credit(uow, { ...input, ownerId: input.userId, source: "admin" });
  await auditRepository.record(uow.tx, {
    actorId: actor.id,
    action: "nft.credit",
    targetType: "nft",
    targetId: nft.id.toString(),
    data: {
      source: "admin",
      userId: input.userId.toString(),
      giftId: nft.giftId,
      number: nft.number,
      model: nft.model,
      backdrop: nft.backdrop,
      symbol: nft.symbol,
    },
    requestId: actor.requestId,
  });
  // Not listed yet, so no cached listing changes; harmless, and keeps filters (attribute counts) fresh.
  uow.afterCommit(() => invalidateListings(deps.cache, [nft.giftId]));
  uow.commit();
  return nft;
}
