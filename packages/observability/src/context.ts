// Per-request (or per-task-run) context carried through async calls, so every log line of a request
// names its request id, user and procedure without passing them by hand.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  userId?: bigint;
  procedure?: string;
  task?: string;
}

// One store per process, on globalThis: a bundler may copy this module into several chunks (the
// production build's instrumentation hook and its route handlers), and a logger made in one chunk must
// see the context set in another.
const KEY = Symbol.for("gift-market.request-context");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds fields to the current context (e.g. the user id once auth has run). */
export function enrichContext(fields: Partial<RequestContext>): void {
  const ctx = storage.getStore();
  if (ctx) Object.assign(ctx, fields);
}
