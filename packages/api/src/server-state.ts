// The web server's state (apps/web/server/main.mjs owns it, on globalThis): whether it is draining, the
// header that carries the client's address, and the hooks to run once the last request has finished.
// One object for the whole process, however many copies of this module the bundler makes.

export interface WebServerState {
  readonly clientIpHeader: string;
  readonly draining: boolean;
  readonly inFlight: number;
  onShutdown(hook: () => unknown): void;
}

const STATE = Symbol.for("gift-market.web-server");

/** The web server's state, or undefined outside it (tests, scripts). */
export function webServerState(): WebServerState | undefined {
  return (globalThis as Record<symbol, WebServerState | undefined>)[STATE];
}

/** A process-wide singleton on globalThis: one value however often the module holding it is bundled. */
export function processSingleton<T>(name: string): { get(): T | undefined; set(value: T | undefined): void } {
  const key = Symbol.for(`gift-market.${name}`);
  const store = globalThis as Record<symbol, T | undefined>;
  return { get: () => store[key], set: (value) => void (store[key] = value) };
}
