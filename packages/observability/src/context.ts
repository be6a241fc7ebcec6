// Per-request (or per-task-run) context carried through async calls, so every log line of a request
// names its request id, user and procedure without passing them by hand (SPEC §6.8, §6.14).
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  userId?: bigint;
  procedure?: string;
  task?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

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
