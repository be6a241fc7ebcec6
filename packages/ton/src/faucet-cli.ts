// `pnpm ton:faucet --memo M --amount 5 [--to ADDRESS]`: test TON from the local chain's faucet, to the
// platform wallet (a deposit with memo M) unless --to says otherwise. Local chain only.
import { parseArgs } from "node:util";
import { Address, toNano } from "@ton/core";
import { readTonConfig } from "./env";
import { platformWallet } from "./platform-wallet";
import { requestFaucet } from "./faucet";

const { values } = parseArgs({ options: { memo: { type: "string" }, amount: { type: "string", default: "5" }, to: { type: "string" } } });
const config = readTonConfig();
if (!config.endpoint) {
  console.error("TON_API_ENDPOINT is not set: start `pnpm dev` (it runs the local chain) and use the endpoint it prints.");
  process.exit(2);
}
let to: Address;
try {
  to = values.to ? Address.parse(values.to) : (await platformWallet(config.mnemonic)).address;
} catch {
  console.error(`--to ${values.to}: not a TON address.`);
  process.exit(2);
}
let amount: bigint;
try {
  amount = toNano(values.amount!);
} catch {
  console.error(`--amount ${values.amount}: give TON, e.g. 5 or 0.25.`);
  process.exit(2);
}
try {
  await requestFaucet(config.endpoint, { to, amount, comment: values.memo });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`Sent ${values.amount} TON to ${to.toString({ testOnly: true })}${values.memo ? ` with the comment "${values.memo}"` : ""}.`);
