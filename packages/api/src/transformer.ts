// The wire format is superjson's (the Mini App and every integrator decode it with superjson). Encoding a
// response is the API's largest single CPU cost on reads (a search page: 24 items of nested objects with
// bigints and dates), and superjson's general walker (classes, maps, sets, referential identities) does
// far more than our plain outputs need. This encoder writes the same `{ json, meta }` for plain data —
// objects, arrays, strings, numbers, booleans, null, undefined, bigint, Date — in one pass, and hands
// anything else to superjson itself. `transformer.test.ts` checks it against superjson.
import superjson from "superjson";

type Annotation = [string];
type Serialized = { json: unknown; meta?: { values?: Record<string, Annotation> | Annotation; v: 1 } };

class NotPlain extends Error {}

const escapeKey = (key: string) => (key.includes(".") || key.includes("\\") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key);

/** `path` is null at the root: a key "" below it is the path "", not the root. */
function walk(value: unknown, path: string | null, annotations: Map<string | null, Annotation>, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      throw new NotPlain(); // NaN, ±Infinity, -0: superjson's own rules
    case "bigint":
      annotations.set(path, ["bigint"]);
      return value.toString();
    case "undefined":
      annotations.set(path, ["undefined"]);
      return null;
    case "object": {
      if (value === null) return null;
      // An object met twice: superjson records referential equalities for it, so let it.
      if (seen.has(value)) throw new NotPlain();
      seen.add(value);
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new NotPlain();
        annotations.set(path, ["Date"]);
        return value.toISOString();
      }
      const prefix = path === null ? "" : `${path}.`;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = walk(value[i], prefix + i, annotations, seen);
        return out;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new NotPlain();
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (key === "__proto__" || key === "constructor" || key === "prototype") throw new NotPlain();
        out[key] = walk((value as Record<string, unknown>)[key], prefix + escapeKey(key), annotations, seen);
      }
      return out;
    }
    default:
      throw new NotPlain();
  }
}

export function serialize(value: unknown): Serialized {
  try {
    const annotations = new Map<string | null, Annotation>();
    const json = walk(value, null, annotations, new Set());
    const root = annotations.get(null);
    if (root) return { json, meta: { values: root, v: 1 } };
    if (annotations.size === 0) return { json };
    return { json, meta: { values: Object.fromEntries(annotations) as Record<string, Annotation>, v: 1 } };
  } catch (error) {
    if (error instanceof NotPlain) return superjson.serialize(value) as Serialized;
    throw error;
  }
}

/** Requests are decoded by superjson; responses encoded by the fast path above, in the same format. */
export const transformer = {
  input: superjson,
  output: { serialize, deserialize: superjson.deserialize.bind(superjson) as (payload: unknown) => unknown },
};
