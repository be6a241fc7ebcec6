// The platform's hot wallet: W5 (wallet v5r1), the current standard wallet, which also takes up to 255
// messages in one transfer (withdrawals are sent in batches).
import type { Address } from "@ton/core";
import { mnemonicToPrivateKey, type KeyPair } from "@ton/crypto";
import { WalletContractV5R1 } from "@ton/ton";

export interface PlatformWallet {
  address: Address;
  contract: WalletContractV5R1;
  keys: KeyPair;
}

const cache = new Map<string, Promise<PlatformWallet>>();

/** The wallet of `mnemonic` (derived once per process: the key derivation is deliberately slow). */
export function platformWallet(mnemonic: string[]): Promise<PlatformWallet> {
  const key = mnemonic.join(" ");
  let wallet = cache.get(key);
  if (!wallet) {
    wallet = mnemonicToPrivateKey(mnemonic).then((keys) => {
      const contract = WalletContractV5R1.create({ workchain: 0, publicKey: keys.publicKey });
      return { address: contract.address, contract, keys };
    });
    cache.set(key, wallet);
  }
  return wallet;
}
