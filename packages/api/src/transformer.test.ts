import { describe, expect, it } from "vitest";
import fc from "fast-check";
import superjson from "superjson";
import { serialize } from "./transformer";

// Plain data as the API's outputs hold it, keys included that need escaping in superjson's paths.
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("a.b", "x\\y", "0", "items", "")).filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.date({ noInvalidDate: true }),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(key, tie("tree"), { maxKeys: 4 })),
}));

describe("the response encoder", () => {
  it("writes exactly what superjson writes for plain data", () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(serialize(value)).toEqual(superjson.serialize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("hands anything else to superjson: shared objects, maps, NaN, invalid dates", () => {
    const shared = { id: 1n };
    for (const value of [{ a: shared, b: shared }, new Map([["k", 1]]), { n: Number.NaN }, { d: new Date(Number.NaN) }, [Infinity, -0]]) {
      expect(serialize(value)).toEqual(superjson.serialize(value));
    }
  });
});
