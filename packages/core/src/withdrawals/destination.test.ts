// Which addresses a withdrawal may go to, and how each is sent.
import { describe, expect, it } from "vitest";
import { Address } from "@ton/core";
import { AppError } from "../common/errors";
import { parseDestination } from "./destination";

const platform = new Address(0, Buffer.alloc(32, 7));
const mine = new Address(0, Buffer.alloc(32, 9));
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.reason : String(e);
  }
  return "accepted";
};

describe("a withdrawal's destination", () => {
  it("keeps the bounceable flag the owner chose, and shows the address for the network", () => {
    const b = parseDestination(mine.toString({ bounceable: true, testOnly: true }), "testnet", platform);
    expect(b).toMatchObject({ bounce: true, friendly: mine.toString({ bounceable: true, testOnly: true, urlSafe: true }) });
    expect(b.address.equals(mine)).toBe(true);
    expect(parseDestination(mine.toString({ bounceable: false }), "mainnet", platform)).toMatchObject({ bounce: false, friendly: mine.toString({ bounceable: false }) });
    expect(parseDestination(`  ${mine.toString({ bounceable: false, urlSafe: false })} `, "mainnet", platform).address.equals(mine)).toBe(true);
  });

  it("sends to a raw address bounceable: money an account cannot take comes back", () => {
    expect(parseDestination(mine.toRawString(), "mainnet", platform).bounce).toBe(true);
  });

  it("refuses the platform's own wallet in any form", () => {
    for (const form of [platform.toRawString(), platform.toString(), platform.toString({ bounceable: false, testOnly: true })]) {
      expect(reason(() => parseDestination(form, "testnet", platform))).toBe("WITHDRAWAL_TO_PLATFORM");
    }
  });

  it("refuses a testnet address on mainnet, another workchain, and anything that is not an address", () => {
    expect(reason(() => parseDestination(mine.toString({ testOnly: true }), "mainnet", platform))).toBe("WITHDRAWAL_WRONG_NETWORK");
    expect(reason(() => parseDestination(new Address(-1, Buffer.alloc(32, 9)).toString(), "mainnet", platform))).toBe("WITHDRAWAL_BAD_ADDRESS");
    const friendly = mine.toString();
    const broken = friendly.slice(0, -1) + (friendly.endsWith("A") ? "B" : "A"); // checksum no longer matches
    for (const bad of ["", "hello", "0:xyz", broken, "EQ" + "A".repeat(100), "<script>", "0:" + "0".repeat(63)]) {
      expect(reason(() => parseDestination(bad, "mainnet", platform))).toBe("WITHDRAWAL_BAD_ADDRESS");
    }
  });
});
