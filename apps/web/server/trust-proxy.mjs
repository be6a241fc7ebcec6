// Which proxies may tell us the client's address (X-Forwarded-For), as Express's "trust proxy" does,
// on `proxy-addr` (the library Express uses for it): by default none, so a client cannot pick its own
// address and escape the per-IP limit by sending a new X-Forwarded-For with every request.
import proxyaddr from "proxy-addr";

/**
 * TRUST_PROXY:
 *   unset, "false", "0"   trust no proxy: the client is the socket's peer (the default)
 *   a number N            trust N hops: behind N proxies of your own, each appending to X-Forwarded-For
 *   addresses / CIDRs     trust these proxies only, comma-separated; also "loopback", "linklocal",
 *                         "uniquelocal" (e.g. "loopback, 10.0.0.0/8")
 *   "true"                trust every hop: only when nothing but your proxy can reach the app
 * Returns the trust function for `proxy-addr`, or throws with a readable message.
 * @param {string | undefined} value
 * @returns {{ trust: (addr: string, hop: number) => boolean, describe: string }}
 */
export function parseTrustProxy(value) {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "false" || v === "0") return { trust: () => false, describe: "no proxy (the socket's peer is the client)" };
  if (v === "true") return { trust: () => true, describe: "every hop (X-Forwarded-For as sent)" };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 32) throw new Error(`TRUST_PROXY: ${hops} hops is not a real setup (at most 32).`);
    return { trust: (_addr, hop) => hop < hops, describe: `${hops} proxy hop${hops === 1 ? "" : "s"}` };
  }
  const list = v.split(",").map((s) => s.trim()).filter(Boolean);
  try {
    return { trust: proxyaddr.compile(list), describe: `proxies ${list.join(", ")}` };
  } catch (error) {
    throw new Error(`TRUST_PROXY: "${value}" is not false, a hop count or a list of proxy addresses (${error instanceof Error ? error.message : error}).`);
  }
}

/**
 * The client's address under the given trust.
 * @param {import("node:http").IncomingMessage} req
 * @param {(addr: string, hop: number) => boolean} trust
 */
export function clientAddress(req, trust) {
  try {
    return proxyaddr(req, trust);
  } catch {
    // A malformed X-Forwarded-For from a trusted hop: fall back to the peer we can see.
    return req.socket.remoteAddress ?? "unknown";
  }
}
