// What the browser may import: the router's type and the wire transformer. No server code.
import superjson from "superjson";

export type { AppRouter } from "./router";
export const transformer = superjson;
