// Where a withdrawal may go: a basechain address that is not the platform's own, of the deployment's
// network. A friendly address keeps the flag its owner chose: bounceable ones are sent bounceable (an
// address that cannot take the money sends it back and the user is refunded), non-bounceable ones (a new
// wallet that has never sent anything) are not. A raw address has no flag and is treated as bounceable.
import { Address } from "@ton/core";
import { badRequest } from "../common/errors";

export interface Destination {
  address: Address;
  /** As it is stored and shown: friendly, with the flags it is sent with. */
  friendly: string;
  bounce: boolean;
}

export type Network = "mainnet" | "testnet";

export function friendlyOf(address: Address, bounce: boolean, network: Network): string {
  return address.toString({ bounceable: bounce, testOnly: network === "testnet", urlSafe: true });
}

/** Parses what the user typed; refuses with a sentence they can act on. */
export function parseDestination(input: string, network: Network, platform: Address): Destination {
  const text = input.trim();
  let address: Address;
  let bounce = true;
  if (Address.isFriendly(text)) {
    const parsed = friendlyOrNull(text);
    if (!parsed) throw badRequest("This address has a typo (its checksum does not match). Copy it from your wallet again.", "WITHDRAWAL_BAD_ADDRESS");
    if (parsed.isTestOnly && network === "mainnet") {
      throw badRequest("This is a testnet address: withdrawals here go to mainnet. Copy your wallet's mainnet address.", "WITHDRAWAL_WRONG_NETWORK");
    }
    address = parsed.address;
    bounce = parsed.isBounceable;
  } else if (Address.isRaw(text)) {
    address = Address.parseRaw(text);
  } else {
    throw badRequest("This is not a TON address. Copy it from your wallet (it starts with UQ or EQ).", "WITHDRAWAL_BAD_ADDRESS");
  }
  if (address.workChain !== 0) throw badRequest("Withdrawals go to basechain (workchain 0) addresses only.", "WITHDRAWAL_BAD_ADDRESS");
  if (address.equals(platform)) throw badRequest("This is Gift Market's own wallet: withdraw to a wallet of yours.", "WITHDRAWAL_TO_PLATFORM");
  return { address, friendly: friendlyOf(address, bounce, network), bounce };
}

function friendlyOrNull(text: string): ReturnType<typeof Address.parseFriendly> | null {
  try {
    return Address.parseFriendly(text);
  } catch {
    return null; // a wrong checksum: isFriendly only checks the shape
  }
}
